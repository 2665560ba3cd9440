import type { Connection } from '@metropotes/graphql-kit';
import type { CaseEntity } from './case.entity';
import type { DecisionEntity } from './decision.entity';

export interface CaseModel {
  id: string;
  targetType: CaseEntity['targetType'];
  targetId: string;
  status: CaseEntity['status'];
  reportCount: number;
  trustedReportCount: number;
  assigneeId: string | null;
  openedAt: Date;
  resolvedAt: Date | null;
}

/** A page of cases as the service returns it (its `totalCount` counted only when asked). */
export type CaseConnectionModel = Connection<CaseModel>;

export const toCaseModel = (c: CaseEntity): CaseModel => ({
  id: c.id,
  targetType: c.targetType,
  targetId: c.targetId,
  status: c.status,
  reportCount: c.reportCount,
  trustedReportCount: c.trustedReportCount,
  assigneeId: c.assigneeId,
  openedAt: c.openedAt,
  resolvedAt: c.resolvedAt,
});

export interface DecisionModel {
  id: string;
  caseId: string;
  targetType: DecisionEntity['targetType'];
  targetId: string;
  action: DecisionEntity['action'];
  reason: string;
  moderatorId: string | null;
  moderatorRole: DecisionEntity['moderatorRole'];
  automatic: boolean;
  suspendedUntil: Date | null;
  requiresApplication: boolean;
  createdAt: Date;
  appliedAt: Date | null;
}

export const toDecisionModel = (d: DecisionEntity): DecisionModel => ({
  id: d.id,
  caseId: d.caseId,
  targetType: d.targetType,
  targetId: d.targetId,
  action: d.action,
  reason: d.reason,
  moderatorId: d.moderatorId,
  moderatorRole: d.moderatorRole,
  automatic: d.automatic,
  suspendedUntil: d.suspendedUntil,
  requiresApplication: d.requiresApplication,
  createdAt: d.createdAt,
  appliedAt: d.appliedAt,
});
