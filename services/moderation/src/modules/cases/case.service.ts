import { isStaff, memberIdOf, type MemberRole, type Viewer } from '@metropotes/auth';
import {
  badInput,
  decodeCursor,
  forbidden,
  groupLoader,
  isUuid,
  notFound,
  pageSize,
  requireStaff,
  requireSystem,
  rowLoader,
  toConnection,
} from '@metropotes/graphql-kit';
import { withOutbox } from '@metropotes/jobs';
import type DataLoader from 'dataloader';
import type { Clock } from '@metropotes/config';
import type { DataSource } from 'typeorm';
import type { GatewayClient } from '@metropotes/graphql-kit';
import type { Queryable } from '@metropotes/database';
import type { AuditRepository } from '../audit';
import { toReportModel, type ReportEntity, type ReportModel, type ReportRepository } from '../reports';
import type { CaseEntity } from './case.entity';
import { toCaseModel, toDecisionModel, type CaseModel, type DecisionModel } from './case.mapper';
import type { CaseRepository, QueueCursor, QueueFilter } from './case.repository';
import { MODERATION_ACTIONS, requiresApplication, type DecisionEntity, type ModerationAction } from './decision.entity';
import type { DecisionRepository, NewDecision } from './decision.repository';
import type { ModerationOutbox } from './moderation-outbox';
import { graphql } from '../../generated/gateway';

const MEMBER_ROLE = graphql(`
  query ModerationMemberRole($id: ID!) {
    member(id: $id) {
      role
    }
  }
`);

export const APPLY_DECISION_JOB = 'moderation.apply-decision' as const;
/** Tells the sanctioned member and the reporters who asked ('sanction-notice', 'report-outcome'). */
export const DECIDED_JOB = 'moderation.decided' as const;
const NOT_FOUND_CASE = 'Ce dossier de modération est introuvable.';
const NOT_FOUND_DECISION = 'Cette décision de modération est introuvable.';
export const STAFF_SANCTION_FORBIDDEN =
  "Seul·e un·e administrateur·rice peut avertir, suspendre ou exclure un membre de l'équipe d'animation ou un·e administrateur·rice.";
/** Sanctions of a member: of a STAFF or ADMIN member, an ADMIN alone decides them. */
const SANCTIONS: readonly ModerationAction[] = ['WARN', 'SUSPEND', 'BAN'];

export interface DecideInput {
  action: ModerationAction;
  reason: string;
  suspendedUntil?: Date | null;
}

function parseQueueCursor(after: string | null | undefined): QueueCursor | null {
  const cursor = decodeCursor(after, 4);
  if (!cursor) return null;
  const [rank, negCount, at, id] = cursor;
  const openedAt = new Date(String(at));
  if (!Number.isInteger(rank) || !Number.isInteger(negCount) || Number.isNaN(openedAt.getTime()) || !isUuid(id)) {
    throw badInput("Le curseur de pagination n'est pas valide.", 'after');
  }
  return { rank: rank as number, negCount: negCount as number, openedAt, id };
}

/** Cases, decisions and how they take effect. One instance per request. */
export class CaseService {
  private readonly byId: DataLoader<string, CaseEntity | null>;
  private readonly reportsByCase: DataLoader<string, ReportEntity[]>;
  private readonly decisionsByCase: DataLoader<string, DecisionEntity[]>;
  private readonly decisionById: DataLoader<string, DecisionEntity | null>;
  private readonly historyByMember: DataLoader<string, DecisionEntity[]>;

  constructor(
    private readonly repository: CaseRepository,
    private readonly decisions: DecisionRepository,
    reports: ReportRepository,
    private readonly audit: AuditRepository,
    private readonly dataSource: DataSource,
    /**
     * The service's outbox, built once in its composition root: decisions are recorded in `withOutbox` transactions,
     * their jobs relayed after the commit (reports use it too, for the automatic hiding).
     */
    readonly outbox: ModerationOutbox,
    private readonly gateway: GatewayClient,
    private readonly viewer: Viewer,
    private readonly autoHideThreshold: number,
    /** "Now" for the rules: a suspension must end after it (members compares the end with the same clock). */
    private readonly clock: Clock,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (c) => c.id,
    );
    this.reportsByCase = groupLoader(
      (ids) => reports.findByCaseIds(ids),
      (r) => r.caseId!,
    );
    this.decisionsByCase = groupLoader(
      (ids) => decisions.findByCaseIds(ids),
      (d) => d.caseId,
    );
    this.decisionById = rowLoader(
      (ids) => decisions.findByIds(ids),
      (d) => d.id,
    );
    this.historyByMember = groupLoader(
      (ids) => decisions.historyOfMembers(ids),
      (d) => d.targetId,
    );
  }

  // --- Reading -----------------------------------------------------------------------------------

  /** A case, for staff only (anyone else: null). */
  async visible(id: string): Promise<CaseModel | null> {
    if (!isStaff(this.viewer) || !isUuid(id)) return null;
    const row = await this.byId.load(id);
    return row ? toCaseModel(row) : null;
  }

  async get(id: string): Promise<CaseModel | null> {
    requireStaff(this.viewer);
    return this.visible(id);
  }

  /** The status of a case, for whoever may see the report pointing at it. */
  async statusOf(caseId: string | null): Promise<CaseModel['status'] | null> {
    if (!caseId) return null;
    const row = await this.byId.load(caseId);
    return row?.status ?? null;
  }

  async queue(filter: QueueFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    requireStaff(this.viewer);
    const limit = pageSize(first);
    const cursor = parseQueueCursor(after);
    const f = filter ?? {};
    if (f.targetId && !isUuid(f.targetId)) throw badInput("Cet identifiant n'est pas valide.", 'targetId');
    const rows = await this.repository.queue(f, cursor, limit);
    for (const row of rows) this.byId.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      (c) => [c.status === 'OPEN' ? 0 : 1, -c.reportCount, new Date(c.openedAt).toISOString(), c.id],
      toCaseModel,
      () => this.repository.countQueue(f),
    );
  }

  async reportsOf(c: CaseModel): Promise<ReportModel[]> {
    return (await this.reportsByCase.load(c.id)).map(toReportModel);
  }

  async decisionsOf(c: CaseModel): Promise<DecisionModel[]> {
    return (await this.decisionsByCase.load(c.id)).map(toDecisionModel);
  }

  /** A member's warnings and sanctions: staff only (null for anyone else). */
  async historyOf(memberId: string): Promise<DecisionModel[] | null> {
    if (!isStaff(this.viewer)) return null;
    if (!isUuid(memberId)) return [];
    return (await this.historyByMember.load(memberId)).map(toDecisionModel);
  }

  /** A decision, for staff or the system. */
  async decision(id: string): Promise<DecisionModel | null> {
    if (!isStaff(this.viewer) || !isUuid(id)) return null;
    const row = await this.decisionById.load(id);
    return row ? toDecisionModel(row) : null;
  }

  /**
   * What the workers tell about a decision staff took (system only; null when unknown): the decision, and the reporters
   * of its case who asked to hear the outcome (`notifyOutcome`), with when they reported.
   */
  async decisionNotice(id: string): Promise<{ decision: DecisionModel; reportersToNotify: { reporterId: string; reportedAt: Date }[] } | null> {
    requireSystem(this.viewer);
    if (!isUuid(id)) return null;
    const row = await this.decisionById.load(id);
    if (!row) return null;
    const reporters: { reporter_id: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT reporter_id, created_at FROM moderation.reports
       WHERE case_id = $1 AND notify_outcome AND reporter_id IS NOT NULL ORDER BY created_at, id`,
      [row.caseId],
    );
    return { decision: toDecisionModel(row), reportersToNotify: reporters.map((r) => ({ reporterId: r.reporter_id, reportedAt: r.created_at })) };
  }

  /** What the workers need to apply a decision (system only); null when there is nothing to apply. */
  async decisionToApply(id: string): Promise<DecisionModel | null> {
    requireSystem(this.viewer);
    if (!isUuid(id)) return null;
    const row = await this.decisionById.load(id);
    return row && row.requiresApplication ? toDecisionModel(row) : null;
  }

  // --- Reports open or join cases ----------------------------------------------------------------

  /** The open case on a target, opened if there is none. Call under the target's lock. */
  async openOrJoin(q: Queryable, targetType: CaseEntity['targetType'], targetId: string): Promise<CaseEntity> {
    return (await this.repository.findOpen(q, targetType, targetId)) ?? (await this.repository.open(q, targetType, targetId));
  }

  /**
   * After a report joined an open case: when reports from enough distinct trusted members accumulate, the case
   * records an automatic HIDE decision (once per case), to be applied by the owning service. Reports from members
   * not trusted yet (see ReporterStanding) wait for staff. Returns the case, recounted.
   */
  async afterReport(q: Queryable, caseId: string): Promise<{ case: CaseEntity; outbox: boolean }> {
    const c = await this.repository.recount(q, caseId);
    if (c.status !== 'OPEN' || c.trustedReportCount < this.autoHideThreshold) return { case: c, outbox: false };
    if (await this.decisions.hasAutomaticHide(q, c.id)) return { case: c, outbox: false };
    await this.record(
      q,
      {
        caseId: c.id,
        targetType: c.targetType,
        targetId: c.targetId,
        action: 'HIDE',
        reason: `Masquage automatique : ${c.trustedReportCount} membres ont signalé ce contenu.`,
        moderatorId: null,
        moderatorRole: null,
        automatic: true,
        suspendedUntil: null,
        requiresApplication: true,
      },
      'AUTO_HIDE',
    );
    return { case: c, outbox: true };
  }

  // --- Staff actions -----------------------------------------------------------------------------

  async assign(caseId: string, memberId: string | null | undefined): Promise<CaseModel> {
    requireStaff(this.viewer);
    if (memberId !== null && memberId !== undefined && !(await this.isStaffMember(memberId))) {
      throw badInput("Un dossier ne peut être confié qu'à un membre de l'équipe d'animation.", 'memberId');
    }
    const actorId = memberIdOf(this.viewer);
    const updated = await this.dataSource.transaction(async (manager) => {
      const c = isUuid(caseId) ? await this.repository.lock(manager, caseId) : null;
      if (!c) throw notFound(NOT_FOUND_CASE);
      const row = await this.repository.assign(manager, c.id, memberId ?? null);
      await this.audit.append(manager, {
        actorId,
        action: 'CASE_ASSIGNED',
        targetType: c.targetType,
        targetId: c.targetId,
        caseId: c.id,
        reason: memberId ? `Dossier confié à ${memberId}.` : 'Dossier rendu à la file commune.',
      });
      return row;
    });
    this.byId.clear(updated.id).prime(updated.id, updated);
    return toCaseModel(updated);
  }

  /** Whether this member is staff (or admin), as the members service tells staff through the gateway. */
  private async isStaffMember(memberId: string): Promise<boolean> {
    const role = await this.roleOf(memberId);
    return role === 'STAFF' || role === 'ADMIN';
  }

  /** A member's role, as the members service tells staff through the gateway (null: unknown or erased). */
  private async roleOf(memberId: string): Promise<MemberRole | null> {
    if (!isUuid(memberId)) return null;
    const data = await this.gateway.query(MEMBER_ROLE, { id: memberId });
    return data.member?.role ?? null;
  }

  /**
   * Staff cannot sanction staff or admins: a WARN, SUSPEND or BAN of a STAFF or ADMIN member is for admins. The
   * target's role is asked before anything is written (members checks again when it applies the decision, with the
   * role recorded here).
   */
  private async checkAuthority(caseId: string, action: ModerationAction, viewerRole: MemberRole | null): Promise<void> {
    if (!SANCTIONS.includes(action) || viewerRole === 'ADMIN' || !isUuid(caseId)) return;
    const c = await this.byId.load(caseId);
    if (!c || c.targetType !== 'MEMBER') return;
    const role = await this.roleOf(c.targetId);
    if (role === 'STAFF' || role === 'ADMIN') throw forbidden(STAFF_SANCTION_FORBIDDEN);
  }

  async decide(caseId: string, input: DecideInput): Promise<CaseModel> {
    requireStaff(this.viewer);
    const action = input.action;
    if (!MODERATION_ACTIONS.includes(action)) throw badInput("Cette décision n'existe pas.", 'action');
    const reason = (input.reason ?? '').trim();
    if (!reason) throw badInput('Indiquez le motif de la décision.', 'reason');
    if (reason.length > 2000) throw badInput('Le motif ne doit pas dépasser 2000 caractères.', 'reason');
    const suspendedUntil = input.suspendedUntil ?? null;
    if (action === 'SUSPEND') {
      if (!suspendedUntil) throw badInput('Indiquez la date de fin de la suspension.', 'suspendedUntil');
      if (suspendedUntil.getTime() <= this.clock.now().getTime())
        throw badInput('La fin de la suspension doit être dans le futur.', 'suspendedUntil');
    } else if (suspendedUntil) {
      throw badInput('Une date de fin ne se donne que pour une suspension.', 'suspendedUntil');
    }
    const moderatorId = memberIdOf(this.viewer);
    const moderatorRole = this.viewer.kind === 'member' ? this.viewer.role : null;
    await this.checkAuthority(caseId, action, moderatorRole);
    const updated = await withOutbox(this.outbox, async (manager, jobs) => {
      const c = isUuid(caseId) ? await this.repository.lock(manager, caseId) : null;
      if (!c) throw notFound(NOT_FOUND_CASE);
      if ((action === 'SUSPEND' || action === 'BAN') && c.targetType !== 'MEMBER') {
        throw badInput('Seul·e un·e membre peut être suspendu·e ou exclu·e.', 'action');
      }
      const needsApplication = requiresApplication(action, c.targetType);
      const decision = await this.record(
        manager,
        {
          caseId: c.id,
          targetType: c.targetType,
          targetId: c.targetId,
          action,
          reason,
          moderatorId,
          moderatorRole,
          automatic: false,
          suspendedUntil,
          requiresApplication: needsApplication,
        },
        action,
      );
      // The sanctioned member and the reporters who asked are told by the workers (after the commit).
      await jobs.add(DECIDED_JOB, { decisionId: decision.id });
      return this.repository.resolve(manager, c.id);
    });
    this.byId.clear(updated.id).prime(updated.id, updated);
    this.decisionsByCase.clear(updated.id);
    return toCaseModel(updated);
  }

  /** The owning service applied a decision (system only). Idempotent: appliedAt is set once. */
  async markApplied(id: string): Promise<DecisionModel> {
    requireSystem(this.viewer);
    const row = await this.dataSource.transaction(async (manager) => {
      const d = isUuid(id) ? await this.decisions.lock(manager, id) : null;
      if (!d) throw notFound(NOT_FOUND_DECISION);
      if (!d.requiresApplication) throw badInput("Cette décision n'a rien à appliquer.", 'id');
      if (d.appliedAt) return d;
      const applied = await this.decisions.markApplied(manager, d.id);
      await this.audit.append(manager, {
        actorId: null,
        action: 'DECISION_APPLIED',
        targetType: d.targetType,
        targetId: d.targetId,
        caseId: d.caseId,
        decisionId: d.id,
      });
      return applied;
    });
    return toDecisionModel(row);
  }

  // --- Recording and applying decisions ----------------------------------------------------------

  /** Decision, audit entry and (when another service must apply it) outbox row, in the caller's transaction. */
  private async record(q: Queryable, d: NewDecision, auditAction: 'AUTO_HIDE' | ModerationAction): Promise<DecisionEntity> {
    const decision = await this.decisions.insert(q, d);
    await this.audit.append(q, {
      actorId: d.moderatorId,
      action: auditAction,
      targetType: d.targetType,
      targetId: d.targetId,
      caseId: d.caseId,
      decisionId: decision.id,
      reason: d.reason,
    });
    if (d.requiresApplication) {
      // In a transaction of `withOutbox` (decideCase, a report's automatic hiding): relayed after its commit.
      await this.outbox.writerIn(q).add(APPLY_DECISION_JOB, { decisionId: decision.id });
    }
    return decision;
  }
}
