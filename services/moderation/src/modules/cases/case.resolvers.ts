import type { ModerationContext } from '../../context';
import type { CaseModel, DecisionModel } from './case.mapper';
import type { QueueFilter } from './case.repository';
import type { DecideInput } from './case.service';

const TYPENAME_OF: Record<CaseModel['targetType'], string> = {
  MEMBER: 'Member',
  EVENT: 'Event',
  GUIDE_ARTICLE: 'GuideArticle',
  WATCH_ITEM: 'WatchItem',
  GROUP: 'Group',
  GROUP_MESSAGE: 'GroupMessage',
  EVENT_MESSAGE: 'EventMessage',
};

export const caseResolvers = {
  Query: {
    moderationQueue: (_: unknown, args: { filter?: QueueFilter | null; first?: number | null; after?: string | null }, ctx: ModerationContext) =>
      ctx.cases.queue(args.filter, args.first, args.after),
    moderationCase: (_: unknown, args: { id: string }, ctx: ModerationContext) => ctx.cases.get(args.id),
    decisionToApply: (_: unknown, args: { id: string }, ctx: ModerationContext) => ctx.cases.decisionToApply(args.id),
    decisionNotice: (_: unknown, args: { id: string }, ctx: ModerationContext) => ctx.cases.decisionNotice(args.id),
  },
  Mutation: {
    assignCase: (_: unknown, args: { caseId: string; memberId?: string | null }, ctx: ModerationContext) =>
      ctx.cases.assign(args.caseId, args.memberId),
    decideCase: (_: unknown, args: { caseId: string; input: DecideInput }, ctx: ModerationContext) => ctx.cases.decide(args.caseId, args.input),
    markDecisionApplied: (_: unknown, args: { id: string }, ctx: ModerationContext) => ctx.cases.markApplied(args.id),
  },
  ReportTarget: {
    __resolveType: (target: { __typename: string }) => target.__typename,
  },
  ModerationCase: {
    __resolveReference: (ref: { id: string }, ctx: ModerationContext) => ctx.cases.visible(ref.id),
    target: (c: CaseModel) => ({ __typename: TYPENAME_OF[c.targetType], id: c.targetId }),
    reports: (c: CaseModel, _: unknown, ctx: ModerationContext) => ctx.cases.reportsOf(c),
    decisions: (c: CaseModel, _: unknown, ctx: ModerationContext) => ctx.cases.decisionsOf(c),
    assignee: (c: CaseModel) => (c.assigneeId ? { __typename: 'Member', id: c.assigneeId } : null),
  },
  ModerationDecision: {
    __resolveReference: (ref: { id: string }, ctx: ModerationContext) => ctx.cases.decision(ref.id),
    moderator: (d: DecisionModel) => (d.moderatorId ? { __typename: 'Member', id: d.moderatorId } : null),
  },
  Member: {
    moderationHistory: (member: { id: string }, _: unknown, ctx: ModerationContext) => ctx.cases.historyOf(member.id),
  },
};
