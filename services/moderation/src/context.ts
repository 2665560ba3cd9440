import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { ReportRepository } from './modules/reports/report.repository';
import { ReportService } from './modules/reports/report.service';

export interface ModerationContext extends BaseContext {
  reports: ReportService;
}

export function buildModerationContext(base: BaseContext, deps: ServiceDeps): ModerationContext {
  return { ...base, reports: new ReportService(new ReportRepository(deps.dataSource), base.viewer) };
}
