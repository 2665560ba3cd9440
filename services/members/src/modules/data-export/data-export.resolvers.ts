import type { Resolvers } from '../../generated/resolvers-types';
import { DATA_EXPORT_VERSION } from './data-export.service';

export const dataExportResolvers: Resolvers = {
  Query: {
    myData: (_, __, ctx) => ctx.dataExports.mine(),
    myDataExport: (_, __, ctx) => ctx.dataExports.document(),
  },
  DataExport: {
    __resolveReference: (ref, ctx) => ({ memberId: ctx.dataExports.own(ref) }),
    exportedAt: (_, __, ctx) => ctx.dataExports.exportedAt(),
    version: () => DATA_EXPORT_VERSION,
    members: (ref, _, ctx) => ctx.dataExports.membersPart(ref),
    workers: (ref, _, ctx) => ctx.dataExports.workersPart(ref),
  },
};
