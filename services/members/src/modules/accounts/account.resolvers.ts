import { requireMember } from '@metropotes/graphql-kit';
import { JSONResolver } from 'graphql-scalars';
import type { MembersContext } from '../../context';
import type { SignUpInput, Session } from './account.service';

async function payload(session: Session, ctx: MembersContext) {
  const member = await ctx.members.visibleAsSelf(session.memberId);
  return { accessToken: session.accessToken, refreshToken: session.refreshToken, member };
}

export const accountResolvers = {
  JSON: JSONResolver,
  Mutation: {
    signUp: async (_: unknown, args: { input: SignUpInput }, ctx: MembersContext) => payload(await ctx.accounts.signUp(args.input), ctx),
    logIn: async (_: unknown, args: { email: string; password: string }, ctx: MembersContext) =>
      payload(await ctx.accounts.logIn(args.email, args.password), ctx),
    refreshSession: async (_: unknown, args: { refreshToken: string }, ctx: MembersContext) =>
      payload(await ctx.accounts.refresh(args.refreshToken), ctx),
    logOut: (_: unknown, args: { refreshToken: string }, ctx: MembersContext) => ctx.accounts.logOut(args.refreshToken),
    verifyEmail: async (_: unknown, args: { token: string }, ctx: MembersContext) =>
      ctx.members.visibleAsSelf(await ctx.accounts.verifyEmail(args.token)),
    resendVerificationEmail: (_: unknown, __: unknown, ctx: MembersContext) => ctx.accounts.sendVerification(requireMember(ctx.viewer)),
    requestPasswordReset: (_: unknown, args: { email: string }, ctx: MembersContext) => ctx.accounts.requestPasswordReset(args.email),
    resetPassword: async (_: unknown, args: { token: string; newPassword: string }, ctx: MembersContext) =>
      ctx.members.visibleAsSelf(await ctx.accounts.resetPassword(args.token, args.newPassword)),
    deleteMyAccount: (_: unknown, args: { password: string }, ctx: MembersContext) =>
      ctx.accounts.deleteAccount(requireMember(ctx.viewer), args.password),
  },
};
