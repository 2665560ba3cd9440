import { isUuid, requireSystem, type BaseContext } from '@metropotes/graphql-kit';
import type { MembersContext } from '../../context';
import type { EmailLinkKind } from '../../email-links';
import type { MemberSystemService, SystemDigestMember } from './member-system.service';

export interface MemberSystemContext {
  memberSystem: MemberSystemService;
}

/**
 * `systemMailSecret`: the token of an e-mail's link, for the workers sending it (system only). Accounts and outreach
 * each derive their own again from the row and say whether it may still be sent.
 */
async function mailSecret(ctx: MembersContext, kind: EmailLinkKind, id: string): Promise<string | null> {
  requireSystem(ctx.viewer);
  if (!isUuid(id)) return null;
  return kind === 'PROSPECT_INVITATION' ? ctx.prospects.invitationSecret(id) : ctx.accounts.mailSecret(kind, id);
}

export const memberSystemResolvers = {
  SystemDigestMember: {
    __resolveReference: (ref: { memberId: string }, ctx: BaseContext & MemberSystemContext) => ctx.memberSystem.digestMember(ref.memberId),
    groups: (member: SystemDigestMember, args: { joinedSince: Date }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.digestGroups(member.memberId, args.joinedSince),
  },
  Query: {
    systemMailSecret: (_: unknown, args: { kind: EmailLinkKind; id: string }, ctx: MembersContext) => mailSecret(ctx, args.kind, args.id),
    systemDigestMembers: (
      _: unknown,
      args: { frequency: string; first?: number | null; after?: string | null },
      ctx: BaseContext & MemberSystemContext,
    ) => ctx.memberSystem.digestMembers(args.frequency, args.first, args.after),
    systemDigestMember: (_: unknown, args: { memberId: string }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.digestMember(args.memberId),
    systemMembersForMail: (_: unknown, args: { memberIds: string[] }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.membersForMail(args.memberIds),
    systemStaffDigestRecipients: (_: unknown, _args: unknown, ctx: BaseContext & MemberSystemContext) => ctx.memberSystem.staffDigestRecipients(),
    systemNewcomersToNudge: (
      _: unknown,
      args: { joinedAfter: Date; joinedBefore: Date; first?: number | null; after?: string | null },
      ctx: BaseContext & MemberSystemContext,
    ) => ctx.memberSystem.newcomersToNudge(args.joinedAfter, args.joinedBefore, args.first, args.after),
    systemNewcomers: (_: unknown, args: { since: Date; first?: number | null; after?: string | null }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.newcomers(args.since, args.first, args.after),
    networkMemberFigures: (_: unknown, args: { memberIds: string[]; joinedFrom: Date; joinedBefore: Date }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.networkMemberFigures(args.memberIds, args.joinedFrom, args.joinedBefore),
  },
  Mutation: {
    recordFirstParticipations: (
      _: unknown,
      args: { entries: { memberId: string; firstParticipationAt: Date | null }[] },
      ctx: BaseContext & MemberSystemContext,
    ) => ctx.memberSystem.recordFirstParticipations(args.entries),
    recordNewcomerNudges: (_: unknown, args: { memberIds: string[]; nudgedAt: Date }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.recordNewcomerNudges(args.memberIds, args.nudgedAt),
  },
};
