import { badInput, isUuid, jsonScalarResolver, requireSelf, requireSystem, type BaseContext, type ServiceDeps } from '@metropotes/graphql-kit';
import { DataExportRepository } from './data-export.repository';

interface DataExportRef {
  memberId: string;
}

export interface DataExportContext extends BaseContext {
  dataExport: DataExportRepository;
}

export function dataExportContext(_base: BaseContext, deps: ServiceDeps): { dataExport: DataExportRepository } {
  return { dataExport: new DataExportRepository(deps.dataSource, deps.clock) };
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
