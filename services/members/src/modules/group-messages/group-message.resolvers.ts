import type { Resolvers } from '../../generated/resolvers-types';

export const groupMessageResolvers: Resolvers = {
  Query: {
    groupMessage: (_, args, ctx) => ctx.groupMessages.message(args.id),
    systemGroupMessage: (_, args, ctx) => ctx.groupMessages.systemMessage(args.id),
    systemGroupMessageRecipients: (_, args, ctx) => ctx.groupMessages.systemRecipients(args.messageId, args.first, args.after),
  },
  Mutation: {
    sendGroupMessage: async (_, args, ctx) => {
      const authorId = await ctx.members.requireActiveMember();
      return ctx.groupMessages.send(authorId, args.input);
    },
    setGroupMessagesReception: async (_, args, ctx) => {
      await ctx.groupMessages.setReception(args.groupId, args.receive);
      return ctx.groups.existing(args.groupId);
    },
  },
  Group: {
    messages: (group, args, ctx) => ctx.groupMessages.latest(group.id, args.first),
    viewerReceivesMessages: (group, _, ctx) => ctx.groupMessages.viewerReceives(group.id),
  },
  GroupMessage: {
    __resolveReference: (ref, ctx) => ctx.groupMessages.message(ref.id),
    group: (message, _, ctx) => ctx.groups.existing(message.groupId),
    author: (message, _, ctx) => (message.authorId ? ctx.members.visible(message.authorId) : null),
    moderationState: (message, _, ctx) =>
      ctx.viewer.kind === 'member' && (ctx.viewer.role === 'STAFF' || ctx.viewer.role === 'ADMIN') ? message.moderationState : null,
  },
};
