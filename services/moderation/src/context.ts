import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import type { ModerationSettings } from './env';
import { AuditRepository } from './modules/audit/audit.repository';
import { AuditService } from './modules/audit/audit.service';
import { CaseRepository } from './modules/cases/case.repository';
import { CaseService } from './modules/cases/case.service';
import { DecisionRepository } from './modules/cases/decision.repository';
import type { ModerationOutbox } from './modules/cases/moderation-outbox';
import { ReportRepository } from './modules/reports/report.repository';
import { ReportService } from './modules/reports/report.service';
import { ReporterStanding } from './modules/reports/reporter-standing';
import { TargetChecker } from './modules/reports/target-checker';
import { GatewayClient } from '@metropotes/graphql-kit';

export interface ModerationContext extends BaseContext {
  reports: ReportService;
  cases: CaseService;
  audit: AuditService;
}

export function buildModerationContext(base: BaseContext, deps: ServiceDeps, settings: ModerationSettings, outbox: ModerationOutbox): ModerationContext {
  const gateway = new GatewayClient(settings.gatewayUrl, base.authorization, base.requestId);
  const reportRepository = new ReportRepository(deps.dataSource, deps.clock);
  const auditRepository = new AuditRepository(deps.dataSource, deps.clock);
  const cases = new CaseService(
    new CaseRepository(deps.dataSource, deps.clock),
    new DecisionRepository(deps.dataSource, deps.clock),
    reportRepository,
    auditRepository,
    deps.dataSource,
    outbox,
    gateway,
    base.viewer,
    settings.autoHideThreshold,
    deps.clock,
  );
  const reports = new ReportService(
    reportRepository,
    cases,
    new TargetChecker(gateway),
    new ReporterStanding(gateway, deps.clock, settings.trustedReporterDays),
    deps.dataSource,
    base.viewer,
    { max: settings.reportRateLimit, windowSeconds: settings.reportRateWindowSeconds },
  );
  return { ...base, reports, cases, audit: new AuditService(auditRepository, base.viewer) };
}
