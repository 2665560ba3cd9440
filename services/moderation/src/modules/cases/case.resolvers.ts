import type { Resolvers, ResolversParentTypes } from '../../generated/resolvers-types';
import type { CaseModel } from './case.mapper';

/** The GraphQL type of each kind of reported content (a member of the `ReportTarget` union). */
const TYPENAME_OF: Record<CaseModel['targetType'], NonNullable<ResolversParentTypes['ReportTarget']['__typename']>> = {
  MEMBER: 'Member',
  EVENT: 'Event',
  GUIDE_ARTICLE: 'GuideArticle',
  WATCH_ITEM: 'WatchItem',
  GROUP: 'Group',
  GROUP_MESSAGE: 'GroupMessage',
  EVENT_MESSAGE: 'EventMessage',
};

export const caseResolvers: Resolvers = {
  Query: {
    moderationQueue: (_, args, ctx) => ctx.cases.queue(args.filter, args.first, args.after),
    moderationCase: (_, args, ctx) => ctx.cases.get(args.id),
    decisionToApply: (_, args, ctx) => ctx.cases.decisionToApply(args.id),
    decisionNotice: (_, args, ctx) => ctx.cases.decisionNotice(args.id),
  },
  Mutation: {
    assignCase: (_, args, ctx) => ctx.cases.assign(args.caseId, args.memberId),
    decideCase: (_, args, ctx) => ctx.cases.decide(args.caseId, args.input),
    markDecisionApplied: (_, args, ctx) => ctx.cases.markApplied(args.id),
  },
  ReportTarget: {
    __resolveType: (target) => target.__typename ?? null,
  },
  ModerationCase: {
    __resolveReference: (ref, ctx) => ctx.cases.visible(ref.id),
    target: (c) => ({ __typename: TYPENAME_OF[c.targetType], id: c.targetId }),
    reports: (c, _, ctx) => ctx.cases.reportsOf(c),
    decisions: (c, _, ctx) => ctx.cases.decisionsOf(c),
    assignee: (c) => (c.assigneeId ? { __typename: 'Member', id: c.assigneeId } : null),
  },
  ModerationDecision: {
    __resolveReference: (ref, ctx) => ctx.cases.decision(ref.id),
    moderator: (d) => (d.moderatorId ? { __typename: 'Member', id: d.moderatorId } : null),
  },
  Member: {
    moderationHistory: (member, _, ctx) => ctx.cases.historyOf(member.id),
  },
};
