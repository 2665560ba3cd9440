// The reports module's public face: what the other modules of the service may use;
// a repository's type is lent only to the services the composition root hands that repository to.
export type { ContentType, ReportEntity, ReportReason } from './report.entity';
export type { ReportRepository } from './report.repository';
export { toReportModel, type ReportModel } from './report.mapper';
