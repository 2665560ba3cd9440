import { GatewayClient, type BaseContext, type ServiceDeps } from '@metropotes/graphql-kit';
import type { MembersContext } from '../../context';
import { DATA_EXPORT_VERSION, DataExportService, type DataExportRef } from './data-export.service';

export interface DataExportContext {
  dataExports: DataExportService;
}

export interface DataExportSettings {
  gatewayUrl: () => string;
  /** How long the workers' part waits for their answer: below the gateway client's 5 s. */
  workersTimeoutMs: number;
}

export function dataExportContext(base: BaseContext, deps: ServiceDeps, accounts: MembersContext['accounts'], settings: DataExportSettings): DataExportContext {
  const gateway = new GatewayClient(
    settings.gatewayUrl,
    base.authorization,
    base.requestId,
    "L'export de vos données n'a pas pu être préparé : un service ne répond pas. Réessayez dans un instant.",
  );
  return { dataExports: new DataExportService(base.viewer, accounts, deps.jobs, gateway, deps.clock, settings.workersTimeoutMs) };
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
