import type { ReportEntity } from './report.entity';

export interface ReportModel {
  id: string;
  targetType: ReportEntity['targetType'];
  targetId: string;
  reason: ReportEntity['reason'];
  details: string | null;
  notifyOutcome: boolean;
  reporterId: string | null;
  caseId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const toReportModel = (r: ReportEntity): ReportModel => ({
  id: r.id,
  targetType: r.targetType,
  targetId: r.targetId,
  reason: r.reason,
  details: r.details,
  notifyOutcome: r.notifyOutcome,
  reporterId: r.reporterId,
  caseId: r.caseId,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
