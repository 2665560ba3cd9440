import type { ModerationContext } from '../../context';
import type { ReportModel } from './report.mapper';
import type { ReportContentInput } from './report.service';

export const reportResolvers = {
  Query: {
    myReports: (_: unknown, __: unknown, ctx: ModerationContext) => ctx.reports.mine(),
  },
  Mutation: {
    reportContent: (_: unknown, args: { input: ReportContentInput }, ctx: ModerationContext) => ctx.reports.report(args.input),
  },
  Report: {
    __resolveReference: (ref: { id: string }, ctx: ModerationContext) => ctx.reports.visible(ref.id),
    reporter: (report: ReportModel) => (report.reporterId ? { __typename: 'Member', id: report.reporterId } : null),
    caseStatus: (report: ReportModel, _: unknown, ctx: ModerationContext) => ctx.cases.statusOf(report.caseId),
  },
};
