import type { ModerationContext } from '../../context';
import type { ReportModel } from './report.mapper';

export const reportResolvers = {
  Query: {
    myReports: (_: unknown, __: unknown, ctx: ModerationContext) => ctx.reports.mine(),
  },
  Report: {
    __resolveReference: (ref: { id: string }, ctx: ModerationContext) => ctx.reports.visible(ref.id),
    reporter: (report: ReportModel) => (report.reporterId ? { __typename: 'Member', id: report.reporterId } : null),
  },
};
