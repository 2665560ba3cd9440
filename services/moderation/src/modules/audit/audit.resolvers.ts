import type { Resolvers } from '../../generated/resolvers-types';

export const auditResolvers: Resolvers = {
  Query: {
    moderationLog: (_, args, ctx) => ctx.audit.log(args.filter, args.first, args.after),
  },
  Mutation: {
    recordRoleChange: (_, args, ctx) => ctx.audit.recordRoleChange(args.input),
  },
  AuditEntry: {
    actor: (entry) => (entry.actorId ? { __typename: 'Member', id: entry.actorId } : null),
  },
};
