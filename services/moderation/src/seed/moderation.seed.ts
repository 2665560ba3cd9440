import 'reflect-metadata';
import { processClock, type Clock } from '@metropotes/config';
import { createServiceDataSource, runMigrations } from '@metropotes/database';
import { jobIdOf } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';
import { APPLY_DECISION_JOB } from '../modules/cases/case.service';
import { requiresApplication } from '../modules/cases/decision.entity';
import { MODERATION_OUTBOX_SCHEMA } from '../modules/cases/moderation-outbox';
import { entities, migrations } from '../server';
import { SEED_CASES, type SeedCase } from './moderation.seed-data';

export * from './moderation.seed-data';

/** What the moderation seed references (federation ids from the members and events seeds). */
export interface ModerationSeedRefs {
  staffId: string;
  adminId: string;
  memberIds: string[];
  /** The member the resolved case warns. */
  warnedMemberId: string;
  /** The events seed's demo events (published). */
  eventIds: string[];
}

export interface ModerationSeedOptions {
  log?: (line: string) => void;
  /** "Now" for the data set (reports, decisions and log entries are before it). Default: the process's clock. */
  clock?: Clock;
}

/** A decision on a member that members applied (what its seed records as members' moderation service does). */
export interface AppliedMemberDecision {
  decisionId: string;
  targetType: 'MEMBER';
  targetId: string;
  action: 'WARN';
  reason: string;
  decidedAt: Date;
  appliedAt: Date;
}

export interface ModerationSeedResult {
  memberDecisions: AppliedMemberDecision[];
}

const DAY = 86_400_000;
/** Times as the service writes them (its clock, to the millisecond). */
const ms = (t: number) => new Date(Math.floor(t));

/**
 * Applies the moderation migrations, then the demo cases, reports, decisions, log entries and the decision's outbox
 * row, as the moderation service writes them (idempotent: stable ids, ON CONFLICT DO NOTHING; the log is only ever
 * inserted into, never updated).
 */
export async function seedModeration(url: string, refs: ModerationSeedRefs, options: ModerationSeedOptions): Promise<ModerationSeedResult> {
  const { dataSource } = createServiceDataSource({ url, schema: 'moderation', entities, migrations, applicationName: 'metropotes-seed-moderation' });
  await dataSource.initialize();
  const clock = options.clock ?? processClock({ production: process.env.NODE_ENV === 'production', clockStart: process.env.CLOCK_START });
  const now = clock.now();
  const memberDecisions: AppliedMemberDecision[] = [];
  try {
    await runMigrations(dataSource, 'moderation');
    await dataSource.transaction(async (manager) => {
      for (const c of SEED_CASES) {
        const applied = await seedCase(manager, c, refs, now.getTime());
        if (applied) memberDecisions.push(applied);
      }
    });
  } finally {
    await dataSource.destroy();
  }
  options.log?.(`moderation: ${SEED_CASES.length} cases (${SEED_CASES.filter((c) => !c.decision).length} open), their reports, decisions and log`);
  return { memberDecisions };
}

async function seedCase(manager: EntityManager, c: SeedCase, refs: ModerationSeedRefs, now: number): Promise<AppliedMemberDecision | null> {
  const targetType = c.target.type;
  const targetId = c.target.type === 'EVENT' ? refs.eventIds[c.target.event]! : refs.warnedMemberId;
  const reportTimes = c.reports.map((r) => ms(now - r.daysAgo * DAY));
  const openedAt = reportTimes[0]!;
  const lastReportAt = reportTimes[reportTimes.length - 1]!;
  const decidedAt = c.decision ? ms(now - c.decision.daysAgo * DAY) : null;
  const assignedAt = c.assignedDaysAgo !== undefined ? ms(now - c.assignedDaysAgo * DAY) : null;
  // Every demo reporter is a verified member of long standing: trusted (their reports count towards the automatic
  // hiding, whose threshold, 3 by default, no demo case reaches).
  const inserted = (await manager.query(
    `INSERT INTO moderation.cases (id, target_type, target_id, status, report_count, trusted_report_count, assignee_id, opened_at, resolved_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      c.id,
      targetType,
      targetId,
      decidedAt ? 'RESOLVED' : 'OPEN',
      c.reports.length,
      assignedAt ? refs.staffId : null,
      openedAt,
      decidedAt,
      decidedAt ?? assignedAt ?? lastReportAt,
    ],
  )) as { id: string }[];
  // Seeded before (or a case opened on the same target by someone's report): its rows are there, or not ours to add.
  if (!inserted.length) return appliedOf(c, targetId, decidedAt);
  for (const [i, r] of c.reports.entries()) {
    await manager.query(
      `INSERT INTO moderation.reports (id, reporter_id, case_id, target_type, target_id, reason, details, trusted, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $8) ON CONFLICT DO NOTHING`,
      [r.id, refs.memberIds[r.reporter], c.id, targetType, targetId, r.reason, r.details, reportTimes[i]],
    );
  }
  const audit = (id: string, actorId: string | null, action: string, at: Date, extra: { decisionId?: string; reason?: string | null }) =>
    manager.query(
      `INSERT INTO moderation.audit_log (id, actor_id, action, target_type, target_id, case_id, decision_id, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [id, actorId, action, targetType, targetId, c.id, extra.decisionId ?? null, extra.reason ?? null, at],
    );
  if (assignedAt && c.assignAuditId) {
    await audit(c.assignAuditId, refs.staffId, 'CASE_ASSIGNED', assignedAt, { reason: `Dossier confié à ${refs.staffId}.` });
  }
  const d = c.decision;
  if (!d || !decidedAt) return null;
  const moderatorId = d.by === 'ADMIN' ? refs.adminId : refs.staffId;
  const needsApplication = requiresApplication(d.action, targetType);
  const appliedAt = d.applied ? ms(decidedAt.getTime() + d.applied.minutesAfter * 60_000) : null;
  await manager.query(
    `INSERT INTO moderation.decisions
       (id, case_id, target_type, target_id, action, reason, moderator_id, moderator_role, automatic, suspended_until, requires_application,
        created_at, applied_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, NULL, $9, $10, $11) ON CONFLICT DO NOTHING`,
    [d.id, c.id, targetType, targetId, d.action, d.reason, moderatorId, d.by, needsApplication, decidedAt, needsApplication ? appliedAt : null],
  );
  await audit(d.auditId, moderatorId, d.action, decidedAt, { decisionId: d.id, reason: d.reason });
  if (needsApplication) {
    // The outbox row written with the decision, relayed to the workers a second later (as the relay marks it).
    const jobId = jobIdOf(APPLY_DECISION_JOB, { decisionId: d.id });
    await manager.query(
      `INSERT INTO ${MODERATION_OUTBOX_SCHEMA}.job_outbox (job_name, payload, job_id, created_at, enqueued_at, attempts)
       SELECT $1, $2::jsonb, $3, $4, $5, 1 WHERE NOT EXISTS (SELECT 1 FROM ${MODERATION_OUTBOX_SCHEMA}.job_outbox WHERE job_id = $3)`,
      [APPLY_DECISION_JOB, JSON.stringify({ decisionId: d.id }), jobId, decidedAt, new Date(decidedAt.getTime() + 1000)],
    );
    if (appliedAt && d.applied) await audit(d.applied.auditId, null, 'DECISION_APPLIED', appliedAt, { decisionId: d.id });
  }
  return appliedOf(c, targetId, decidedAt);
}

/** The decision members applied, for its seed (a warning to a member). */
function appliedOf(c: SeedCase, targetId: string, decidedAt: Date | null): AppliedMemberDecision | null {
  const d = c.decision;
  if (!d || !decidedAt || !d.applied || c.target.type !== 'MEMBER' || d.action !== 'WARN') return null;
  return {
    decisionId: d.id,
    targetType: 'MEMBER',
    targetId,
    action: 'WARN',
    reason: d.reason,
    decidedAt,
    appliedAt: ms(decidedAt.getTime() + d.applied.minutesAfter * 60_000),
  };
}
