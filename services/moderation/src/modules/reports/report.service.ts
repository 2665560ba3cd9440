import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import { isUuid, requireMember, rowLoader } from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { ReportEntity } from './report.entity';
import { toReportModel, type ReportModel } from './report.mapper';
import type { ReportRepository } from './report.repository';

/** Reports are seen by the member who made them and by staff. One instance per request. */
export class ReportService {
  private readonly byId: DataLoader<string, ReportEntity | null>;

  constructor(
    private readonly repository: ReportRepository,
    private readonly viewer: Viewer,
  ) {
    this.byId = rowLoader((ids) => repository.findByIds(ids), (r) => r.id);
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
}
