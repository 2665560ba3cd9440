import type { ServiceDeps } from '@metropotes/graphql-kit';
import type { ModerationSettings } from './env';
import { AuditRepository } from './modules/audit/audit.repository';
import { CaseRepository } from './modules/cases/case.repository';
import { DecisionRepository } from './modules/cases/decision.repository';
import type { ModerationOutbox } from './modules/cases/moderation-outbox';
import { DataExportRepository } from './modules/data-export/data-export.repository';
import { ReportRepository } from './modules/reports/report.repository';

/**
 * The moderation process's composition root: its long-lived objects, built once at boot (`compose` in server.ts) and
 * shared by every request — the repositories, the outbox relay, the settings. Each request derives its small scope from
 * it (context.ts: the services bound to the viewer and the request id, with their DataLoaders).
 */
export class ModerationRoot {
  readonly repositories;

  constructor(
    readonly deps: ServiceDeps,
    readonly settings: ModerationSettings,
    /** The service's one outbox (serviceOutboxOnce in server.ts: its relay is shared with the background). */
    readonly outbox: ModerationOutbox,
  ) {
    const { dataSource, clock } = deps;
    this.repositories = {
      reports: new ReportRepository(dataSource, clock),
      audit: new AuditRepository(dataSource, clock),
      cases: new CaseRepository(dataSource, clock),
      decisions: new DecisionRepository(dataSource, clock),
      dataExport: new DataExportRepository(dataSource, clock),
    } as const;
  }
}

export const composeModeration = (deps: ServiceDeps, settings: ModerationSettings, outbox: ModerationOutbox): ModerationRoot =>
  new ModerationRoot(deps, settings, outbox);
