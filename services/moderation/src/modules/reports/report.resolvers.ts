import type { Resolvers } from '../../generated/resolvers-types';

export const reportResolvers: Resolvers = {
  Query: {
    myReports: (_, __, ctx) => ctx.reports.mine(),
  },
  Mutation: {
    reportContent: (_, args, ctx) => ctx.reports.report(args.input),
  },
  Report: {
    __resolveReference: (ref, ctx) => ctx.reports.visible(ref.id),
    reporter: (report) => (report.reporterId ? { __typename: 'Member', id: report.reporterId } : null),
    caseStatus: (report, _, ctx) => ctx.cases.statusOf(report.caseId),
  },
};
