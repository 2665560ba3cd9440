import type { AuditAction, ContentType, ModerationAction, ModerationCaseStatus, ReportReason } from '../graphql/generated/graphql';
import { REPORT_REASON_LABELS } from '../components/report-form';

/** The staff console's words for moderation (issue #18). */

export const CONTENT_TYPE_LABELS: Record<ContentType, string> = {
  EVENT: 'Événement',
  GROUP: 'Groupe',
  GROUP_MESSAGE: 'Message de groupe',
  EVENT_MESSAGE: 'Message aux inscrit·es',
  GUIDE_ARTICLE: 'Fiche du guide',
  MEMBER: 'Membre',
  WATCH_ITEM: 'Élément de veille',
};

export const CASE_STATUS_LABELS: Record<ModerationCaseStatus, string> = {
  OPEN: 'Ouvert',
  RESOLVED: 'Traité',
};

export const REASON_LABELS: Record<ReportReason, string> = REPORT_REASON_LABELS;

/** The decisions, as the buttons and the history name them. */
export const ACTION_LABELS: Record<ModerationAction, string> = {
  DISMISS: 'Classer sans suite',
  HIDE: 'Masquer',
  RESTORE: 'Rétablir',
  WARN: 'Avertir',
  SUSPEND: 'Suspendre',
  BAN: 'Exclure',
};

/** What a decision did, in the confirmation after it (« Décision enregistrée : contenu masqué. »). */
export const ACTION_DONE: Record<ModerationAction, string> = {
  DISMISS: 'signalements classés sans suite',
  HIDE: 'contenu masqué',
  RESTORE: 'contenu rétabli',
  WARN: 'membre averti·e',
  SUSPEND: 'membre suspendu·e',
  BAN: 'membre exclu·e',
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  AUTO_HIDE: 'Masquage automatique',
  BAN: 'Exclusion',
  CASE_ASSIGNED: 'Dossier attribué',
  DECISION_APPLIED: 'Décision appliquée',
  DISMISS: 'Classement sans suite',
  HIDE: 'Masquage',
  RESTORE: 'Rétablissement',
  ROLE_CHANGED: 'Rôle modifié',
  SUSPEND: 'Suspension',
  WARN: 'Avertissement',
};

export const MODERATION_ACTIONS = Object.keys(ACTION_LABELS) as ModerationAction[];
export const CONTENT_TYPES = Object.keys(CONTENT_TYPE_LABELS) as ContentType[];
export const REASONS = Object.keys(REASON_LABELS) as ReportReason[];

/** A value of `labels` read from the address, or null. */
export const oneOf = <K extends string>(labels: Record<K, string>, value: string | null): K | null =>
  value && Object.prototype.hasOwnProperty.call(labels, value) ? (value as K) : null;
