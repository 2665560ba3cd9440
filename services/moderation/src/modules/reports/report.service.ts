import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import { withOutbox } from '@metropotes/jobs';
import type { ModerationOutbox } from '../cases';
import { apiError, badInput, isUuid, notFound, requireMember, rowLoader } from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { lockKey, type Queryable } from '@metropotes/database';
import { CONTENT_TYPES, type ContentType, type ReportEntity, type ReportReason } from './report.entity';
import { toReportModel, type ReportModel } from './report.mapper';
import type { ReportRepository } from './report.repository';
import type { ReporterStanding } from './reporter-standing';
import { isCheckable, type TargetChecker } from './target-checker';

export interface ReportContentInput {
  targetType: ContentType;
  targetId: string;
  reason: ReportReason;
  details?: string | null;
  /** Hear the outcome by e-mail when the case is decided (default false). */
  notifyOutcome?: boolean | null;
}

export interface RateLimit {
  max: number;
  windowSeconds: number;
}

const NOT_FOUND_TARGET = 'Ce contenu est introuvable, ou vous ne pouvez pas le voir.';

/**
 * What a report needs of cases: the target's open case (opened or joined), its recount after the report (whether it
 * wrote decision jobs to the outbox), and relaying them after the commit. Declared here so that the reports module does
 * not depend on cases (which depends on reports); CaseService implements it, the composition root wires it.
 */
export interface CaseIntake {
  openOrJoin(q: Queryable, targetType: ContentType, targetId: string): Promise<{ id: string }>;
  afterReport(q: Queryable, caseId: string): Promise<{ outbox: boolean }>;
  /** The cases' outbox: a report's transaction runs in it (an automatic hiding's job is relayed after the commit). */
  readonly outbox: ModerationOutbox;
}

/** Reports are seen by the member who made them and by staff. One instance per request. */
export class ReportService {
  private readonly byId: DataLoader<string, ReportEntity | null>;

  constructor(
    private readonly repository: ReportRepository,
    private readonly cases: CaseIntake,
    private readonly targets: TargetChecker,
    private readonly standing: ReporterStanding,
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
    private readonly rateLimit: RateLimit,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (r) => r.id,
    );
  }

  async visible(id: string): Promise<ReportModel | null> {
    if (!isUuid(id)) return null;
    const report = await this.byId.load(id);
    if (!report) return null;
    const mine = report.reporterId !== null && report.reporterId === memberIdOf(this.viewer);
    return mine || isStaff(this.viewer) ? toReportModel(report) : null;
  }

  async mine(): Promise<ReportModel[]> {
    const memberId = requireMember(this.viewer);
    return (await this.repository.findByReporter(memberId)).map(toReportModel);
  }

  async report(input: ReportContentInput): Promise<ReportModel> {
    const memberId = requireMember(this.viewer);
    const { targetType, reason } = input;
    const targetId = String(input.targetId ?? '').trim();
    const details = input.details?.trim() || null;
    const notifyOutcome = input.notifyOutcome === true;
    if (!CONTENT_TYPES.includes(targetType)) throw badInput("Ce type de contenu n'existe pas.", 'targetType');
    if (!isCheckable(targetType)) throw badInput('Ce type de contenu ne peut pas encore être signalé.', 'targetType');
    if (details && details.length > 2000) throw badInput('Les précisions ne doivent pas dépasser 2000 caractères.', 'details');
    if (targetType === 'MEMBER' && targetId === memberId) throw badInput('Vous ne pouvez pas vous signaler vous-même.', 'targetId');
    // Cheap refusal first: a member flooding reports costs no call to the gateway.
    await this.checkRate(this.dataSource.manager, memberId);
    if (!isUuid(targetId)) throw notFound(NOT_FOUND_TARGET);
    // Both asked through the gateway, at once: whether the reporter may see the target, and whether they are trusted
    // (only trusted reporters count towards the automatic hiding; every report reaches the staff's queue).
    const [visible, trusted] = await Promise.all([this.targets.isVisible(targetType, targetId), this.standing.isTrusted()]);
    if (!visible) throw notFound(NOT_FOUND_TARGET);

    // The cases' outbox: an automatic hiding's job is relayed after the commit.
    const report = await withOutbox(this.cases.outbox, async (manager) => {
      // The member's lock makes the rate limit exact; the target's lock serialises its case (one open case).
      await lockKey(manager, `moderation:reporter:${memberId}`);
      await this.checkRate(manager, memberId);
      await lockKey(manager, `moderation:target:${targetType}:${targetId}`);
      const c = await this.cases.openOrJoin(manager, targetType, targetId);
      const existing = await this.repository.findOnCase(manager, memberId, c.id);
      const saved = existing
        ? await this.repository.update(manager, existing.id, reason, details, trusted, notifyOutcome)
        : await this.repository.insert(manager, {
            reporterId: memberId,
            caseId: c.id,
            targetType,
            targetId,
            reason,
            details,
            trusted,
            notifyOutcome,
          });
      await this.repository.recordSubmission(manager, memberId, this.rateLimit.windowSeconds);
      await this.cases.afterReport(manager, c.id);
      return saved;
    });
    this.byId.prime(report.id, report);
    return toReportModel(report);
  }

  private async checkRate(q: Parameters<ReportRepository['submissionsWithin']>[0], memberId: string): Promise<void> {
    const { max, windowSeconds } = this.rateLimit;
    const { count, oldest } = await this.repository.submissionsWithin(q, memberId, windowSeconds);
    if (count < max) return;
    const leavesAt = (oldest ? new Date(oldest).getTime() : Date.now()) + windowSeconds * 1000;
    const retryAfter = Math.max(1, Math.ceil((leavesAt - Date.now()) / 1000));
    const minutes = Math.ceil(retryAfter / 60);
    throw apiError(
      'RATE_LIMITED',
      `Vous avez envoyé beaucoup de signalements en peu de temps. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
      { retryAfter },
    );
  }
}
