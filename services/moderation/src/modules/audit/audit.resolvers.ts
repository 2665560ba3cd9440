import type { ModerationContext } from '../../context';
import type { AuditEntryModel } from './audit.mapper';
import type { AuditFilter } from './audit.repository';
import type { RecordRoleChangeInput } from './audit.service';

export const auditResolvers = {
  Query: {
    moderationLog: (_: unknown, args: { filter?: AuditFilter | null; first?: number | null; after?: string | null }, ctx: ModerationContext) =>
      ctx.audit.log(args.filter, args.first, args.after),
  },
  Mutation: {
    recordRoleChange: (_: unknown, args: { input: RecordRoleChangeInput }, ctx: ModerationContext) => ctx.audit.recordRoleChange(args.input),
  },
  AuditEntry: {
    actor: (entry: AuditEntryModel) => (entry.actorId ? { __typename: 'Member', id: entry.actorId } : null),
  },
};
