import type { ModerationContext } from '../../context';
import type { AuditEntryModel } from './audit.mapper';
import type { AuditFilter } from './audit.repository';

export const auditResolvers = {
  Query: {
    moderationLog: (_: unknown, args: { filter?: AuditFilter | null; first?: number | null; after?: string | null }, ctx: ModerationContext) =>
      ctx.audit.log(args.filter, args.first, args.after),
  },
  AuditEntry: {
    actor: (entry: AuditEntryModel) => (entry.actorId ? { __typename: 'Member', id: entry.actorId } : null),
  },
};
