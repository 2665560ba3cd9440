import { GatewayClient, type BaseContext } from '@metropotes/graphql-kit';
import type { ModerationRoot } from './composition-root';
import { AuditService } from './modules/audit/audit.service';
import { CaseService } from './modules/cases/case.service';
import type { DataExportRepository } from './modules/data-export/data-export.repository';
import { ReportService } from './modules/reports/report.service';
import { ReporterStanding } from './modules/reports/reporter-standing';
import { TargetChecker } from './modules/reports/target-checker';

export interface ModerationContext extends BaseContext {
  reports: ReportService;
  cases: CaseService;
  audit: AuditService;
}

export type ModerationRequestContext = ModerationContext & { dataExport: DataExportRepository };

/**
 * One request's scope, derived from the process's composition root (composition-root.ts): the services bound to the
 * viewer and the request id (the gateway is called as the viewer), with their DataLoaders.
 */
export function buildModerationContext(base: BaseContext, root: ModerationRoot): ModerationRequestContext {
  const { deps, settings, outbox, repositories: repos } = root;
  const gateway = new GatewayClient(settings.gatewayUrl, base.authorization, base.requestId);
  const cases = new CaseService(
    repos.cases,
    repos.decisions,
    repos.reports,
    repos.audit,
    deps.dataSource,
    outbox,
    gateway,
    base.viewer,
    settings.autoHideThreshold,
    deps.clock,
  );
  const reports = new ReportService(
    repos.reports,
    cases,
    new TargetChecker(gateway),
    new ReporterStanding(gateway, deps.clock, settings.trustedReporterDays),
    deps.dataSource,
    base.viewer,
    { max: settings.reportRateLimit, windowSeconds: settings.reportRateWindowSeconds },
  );
  return { ...base, reports, cases, audit: new AuditService(repos.audit, base.viewer), dataExport: repos.dataExport };
}
