import { requireSelf, jsonScalarResolver, type BaseContext } from '@metropotes/graphql-kit';
import type { DataExportRepository } from './data-export.repository';

interface DataExportRef {
  memberId: string;
}

export interface DataExportContext extends BaseContext {
  dataExport: DataExportRepository;
}

/** The guide service's part of the member's data export (the `DataExport` entity is members'), for the member themself. */
export const dataExportResolvers = {
  JSON: jsonScalarResolver,
  DataExport: {
    __resolveReference: (ref: DataExportRef, ctx: DataExportContext) => ({ memberId: requireSelf(ctx.viewer, ref.memberId) }),
    guide: (ref: DataExportRef, _: unknown, ctx: DataExportContext) => ctx.dataExport.ofMember(requireSelf(ctx.viewer, ref.memberId)),
  },
};
