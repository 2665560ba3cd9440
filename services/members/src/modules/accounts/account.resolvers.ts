import { requireMember } from '@metropotes/graphql-kit';
import { JSONResolver } from 'graphql-scalars';
import type { MembersContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers-types';
import type { Session } from './account.service';

async function payload(session: Session, ctx: MembersContext) {
  const member = await ctx.members.visibleAsSelf(session.memberId);
  return { accessToken: session.accessToken, refreshToken: session.refreshToken, member };
}

export const accountResolvers: Resolvers = {
  JSON: JSONResolver,
  Mutation: {
    signUp: async (_, args, ctx) => payload(await ctx.accounts.signUp(args.input), ctx),
    logIn: async (_, args, ctx) => payload(await ctx.accounts.logIn(args.email, args.password), ctx),
    refreshSession: async (_, args, ctx) => payload(await ctx.accounts.refresh(args.refreshToken), ctx),
    logOut: (_, args, ctx) => ctx.accounts.logOut(args.refreshToken),
    verifyEmail: async (_, args, ctx) => ctx.members.visibleAsSelf(await ctx.accounts.verifyEmail(args.token)),
    resendVerificationEmail: (_, __, ctx) => ctx.accounts.sendVerification(requireMember(ctx.viewer)),
    requestPasswordReset: (_, args, ctx) => ctx.accounts.requestPasswordReset(args.email),
    resetPassword: async (_, args, ctx) => ctx.members.visibleAsSelf(await ctx.accounts.resetPassword(args.token, args.newPassword)),
    deleteMyAccount: (_, args, ctx) => ctx.accounts.deleteAccount(requireMember(ctx.viewer), args.password),
  },
};
