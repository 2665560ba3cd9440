import { requireSelf, jsonScalarResolver, type BaseContext } from '@metropotes/graphql-kit';
import type { Resolvers } from '../../generated/resolvers-types';
import type { DataExportRepository } from './data-export.repository';

export interface DataExportContext extends BaseContext {
  dataExport: DataExportRepository;
}

/** The guide service's part of the member's data export (the `DataExport` entity is members'), for the member themself. */
export const dataExportResolvers: Resolvers<DataExportContext> = {
  JSON: jsonScalarResolver,
  DataExport: {
    __resolveReference: (ref, ctx) => ({ memberId: requireSelf(ctx.viewer, ref.memberId) }),
    guide: (ref, _, ctx) => ctx.dataExport.ofMember(requireSelf(ctx.viewer, ref.memberId)),
  },
};
