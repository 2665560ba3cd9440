import type { MembersContext } from '../../context';
import type { SignUpInput, Session } from './account.service';

async function payload(session: Session, ctx: MembersContext) {
  const member = await ctx.members.visibleAsSelf(session.memberId);
  return { accessToken: session.accessToken, refreshToken: session.refreshToken, member };
}

export const accountResolvers = {
  Mutation: {
    signUp: async (_: unknown, args: { input: SignUpInput }, ctx: MembersContext) =>
      payload(await ctx.accounts.signUp(args.input), ctx),
    logIn: async (_: unknown, args: { email: string; password: string }, ctx: MembersContext) =>
      payload(await ctx.accounts.logIn(args.email, args.password), ctx),
    refreshSession: async (_: unknown, args: { refreshToken: string }, ctx: MembersContext) =>
      payload(await ctx.accounts.refresh(args.refreshToken), ctx),
    logOut: (_: unknown, args: { refreshToken: string }, ctx: MembersContext) => ctx.accounts.logOut(args.refreshToken),
  },
};
