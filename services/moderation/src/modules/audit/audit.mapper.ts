import type { Connection } from '@metropotes/graphql-kit';
import type { AuditEntryEntity } from './audit.entity';

export interface AuditEntryModel {
  id: string;
  actorId: string | null;
  action: AuditEntryEntity['action'];
  targetType: AuditEntryEntity['targetType'];
  targetId: string;
  caseId: string | null;
  decisionId: string | null;
  reason: string | null;
  at: Date;
}

/** A page of the log as the service returns it (its `totalCount` counted only when asked). */
export type AuditEntryConnectionModel = Connection<AuditEntryModel>;

export const toAuditEntryModel = (a: AuditEntryEntity): AuditEntryModel => ({
  id: a.id,
  actorId: a.actorId,
  action: a.action,
  targetType: a.targetType,
  targetId: a.targetId,
  caseId: a.caseId,
  decisionId: a.decisionId,
  reason: a.reason,
  at: a.at,
});
