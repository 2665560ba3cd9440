import { badInput, isUuid, jsonScalarResolver, requireSelf, requireSystem, type BaseContext } from '@metropotes/graphql-kit';
import type { DataExportRepository } from './data-export.repository';

interface DataExportRef {
  memberId: string;
}

export interface DataExportContext extends BaseContext {
  dataExport: DataExportRepository;
}

/** Moderation's part of the member's data export (the `DataExport` entity is members'), and their erasure. */
export const dataExportResolvers = {
  JSON: jsonScalarResolver,
  DataExport: {
    __resolveReference: (ref: DataExportRef, ctx: DataExportContext) => ({ memberId: requireSelf(ctx.viewer, ref.memberId) }),
    moderation: (ref: DataExportRef, _: unknown, ctx: DataExportContext) => ctx.dataExport.ofMember(requireSelf(ctx.viewer, ref.memberId)),
  },
  Mutation: {
    eraseMemberFromModeration: async (_: unknown, args: { memberId: string }, ctx: DataExportContext) => {
      requireSystem(ctx.viewer);
      if (!isUuid(args.memberId)) throw badInput("Cet identifiant de membre n'est pas valide.", 'memberId');
      await ctx.dataExport.eraseMember(args.memberId);
      return true;
    },
  },
};
