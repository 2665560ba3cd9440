import type { MembersContext } from '../../context';
import type { GroupMessageService, GroupMessageModel, SendGroupMessageInput } from './group-message.service';

export interface GroupMessageContext {
  groupMessages: GroupMessageService;
}

type Ctx = MembersContext & GroupMessageContext;

export const groupMessageResolvers = {
  Query: {
    groupMessage: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.groupMessages.message(args.id),
    systemGroupMessage: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.groupMessages.systemMessage(args.id),
    systemGroupMessageRecipients: (_: unknown, args: { messageId: string; first?: number | null; after?: string | null }, ctx: Ctx) =>
      ctx.groupMessages.systemRecipients(args.messageId, args.first, args.after),
  },
  Mutation: {
    sendGroupMessage: async (_: unknown, args: { input: SendGroupMessageInput }, ctx: Ctx) => {
      const authorId = await ctx.members.requireActiveMember();
      return ctx.groupMessages.send(authorId, args.input);
    },
    setGroupMessagesReception: async (_: unknown, args: { groupId: string; receive: boolean }, ctx: Ctx) => {
      await ctx.groupMessages.setReception(args.groupId, args.receive);
      return ctx.groups.group(args.groupId);
    },
  },
  Group: {
    messages: (group: { id: string }, args: { first?: number | null }, ctx: Ctx) => ctx.groupMessages.latest(group.id, args.first),
    viewerReceivesMessages: (group: { id: string }, _: unknown, ctx: Ctx) => ctx.groupMessages.viewerReceives(group.id),
  },
  GroupMessage: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.groupMessages.message(ref.id),
    group: (message: GroupMessageModel, _: unknown, ctx: Ctx) => ctx.groups.group(message.groupId),
    author: (message: GroupMessageModel, _: unknown, ctx: Ctx) => (message.authorId ? ctx.members.visible(message.authorId) : null),
    moderationState: (message: GroupMessageModel, _: unknown, ctx: Ctx) =>
      ctx.viewer.kind === 'member' && (ctx.viewer.role === 'STAFF' || ctx.viewer.role === 'ADMIN') ? message.moderationState : null,
  },
};
