import { isUuid, requireSystem } from '@metropotes/graphql-kit';
import type { MembersContext } from '../../context';
import type { EmailLinkKind } from '../../email-links';
import type { Resolvers } from '../../generated/resolvers-types';

/**
 * `systemMailSecret`: the token of an e-mail's link, for the workers sending it (system only). Accounts and outreach
 * each derive their own again from the row and say whether it may still be sent.
 */
async function mailSecret(ctx: MembersContext, kind: EmailLinkKind, id: string): Promise<string | null> {
  requireSystem(ctx.viewer);
  if (!isUuid(id)) return null;
  return kind === 'PROSPECT_INVITATION' ? ctx.prospects.invitationSecret(id) : ctx.accounts.mailSecret(kind, id);
}

export const memberSystemResolvers: Resolvers = {
  SystemDigestMember: {
    __resolveReference: (ref, ctx) => ctx.memberSystem.digestMember(ref.memberId),
    groups: (member, args, ctx) => ctx.memberSystem.digestGroups(member.memberId, args.joinedSince),
  },
  Query: {
    systemMailSecret: (_, args, ctx) => mailSecret(ctx, args.kind, args.id),
    systemDigestMembers: (_, args, ctx) => ctx.memberSystem.digestMembers(args.frequency, args.first, args.after),
    systemDigestMember: (_, args, ctx) => ctx.memberSystem.digestMember(args.memberId),
    systemMembersForMail: (_, args, ctx) => ctx.memberSystem.membersForMail(args.memberIds),
    systemStaffDigestRecipients: (_, _args, ctx) => ctx.memberSystem.staffDigestRecipients(),
    systemNewcomersToNudge: (_, args, ctx) => ctx.memberSystem.newcomersToNudge(args.joinedAfter, args.joinedBefore, args.first, args.after),
    systemNewcomers: (_, args, ctx) => ctx.memberSystem.newcomers(args.since, args.first, args.after),
    networkMemberFigures: (_, args, ctx) => ctx.memberSystem.networkMemberFigures(args.memberIds, args.joinedFrom, args.joinedBefore),
  },
  Mutation: {
    recordFirstParticipations: (_, args, ctx) => ctx.memberSystem.recordFirstParticipations(args.entries),
    recordNewcomerNudges: (_, args, ctx) => ctx.memberSystem.recordNewcomerNudges(args.memberIds, args.nudgedAt),
  },
};
