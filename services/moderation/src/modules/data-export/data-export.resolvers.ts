import { badInput, isUuid, jsonScalarResolver, requireSelf, requireSystem, type BaseContext } from '@metropotes/graphql-kit';
import type { Resolvers } from '../../generated/resolvers-types';
import type { DataExportRepository } from './data-export.repository';

export interface DataExportContext extends BaseContext {
  dataExport: DataExportRepository;
}

/** Moderation's part of the member's data export (the `DataExport` entity is members'), and their erasure. */
export const dataExportResolvers: Resolvers<DataExportContext> = {
  JSON: jsonScalarResolver,
  DataExport: {
    __resolveReference: (ref, ctx) => ({ memberId: requireSelf(ctx.viewer, ref.memberId) }),
    moderation: (ref, _, ctx) => ctx.dataExport.ofMember(requireSelf(ctx.viewer, ref.memberId)),
  },
  Mutation: {
    eraseMemberFromModeration: async (_, args, ctx) => {
      requireSystem(ctx.viewer);
      if (!isUuid(args.memberId)) throw badInput("Cet identifiant de membre n'est pas valide.", 'memberId');
      await ctx.dataExport.eraseMember(args.memberId);
      return true;
    },
  },
};
