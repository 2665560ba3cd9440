import type { MembersContext } from '../../context';
import { DATA_EXPORT_VERSION, type DataExportService, type DataExportRef } from './data-export.service';

export interface DataExportContext {
  dataExports: DataExportService;
}

type Ctx = MembersContext & DataExportContext;

export const dataExportResolvers = {
  Query: {
    myData: (_: unknown, __: unknown, ctx: Ctx) => ctx.dataExports.mine(),
    myDataExport: (_: unknown, __: unknown, ctx: Ctx) => ctx.dataExports.document(),
  },
  DataExport: {
    __resolveReference: (ref: DataExportRef, ctx: Ctx) => ({ memberId: ctx.dataExports.own(ref) }),
    exportedAt: (_: DataExportRef, __: unknown, ctx: Ctx) => ctx.dataExports.exportedAt(),
    version: () => DATA_EXPORT_VERSION,
    members: (ref: DataExportRef, _: unknown, ctx: Ctx) => ctx.dataExports.membersPart(ref),
    workers: (ref: DataExportRef, _: unknown, ctx: Ctx) => ctx.dataExports.workersPart(ref),
  },
};
