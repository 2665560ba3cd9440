import type { MemberRole, ModerationAction, ModerationCaseStatus } from '../graphql/generated/graphql';

/** French labels of the console (members, moderation, welcome). */
export const ROLE_LABELS: Record<MemberRole, string> = {
  MEMBER: 'Membre',
  STAFF: "Équipe d'animation",
  ADMIN: 'Administration',
};

export const MODERATION_ACTION_LABELS: Record<ModerationAction, string> = {
  WARN: 'Avertissement',
  SUSPEND: 'Suspension',
  BAN: 'Exclusion',
  HIDE: 'Profil masqué',
  RESTORE: 'Profil rétabli',
  DISMISS: 'Signalements rejetés',
};

export const CASE_STATUS_LABELS: Record<ModerationCaseStatus, string> = {
  OPEN: 'Ouvert',
  RESOLVED: 'Traité',
};

/** Whole weeks between `from` and `now` (0 in the first week). */
export function weeksSince(from: string, now: string): number {
  return Math.max(0, Math.floor((Date.parse(now) - Date.parse(from)) / (7 * 86_400_000)));
}

/** « cette semaine », « il y a 1 semaine », « il y a 3 semaines ». */
export function weeksLabel(weeks: number): string {
  if (weeks === 0) return 'cette semaine';
  return weeks === 1 ? 'il y a 1 semaine' : `il y a ${weeks} semaines`;
}
