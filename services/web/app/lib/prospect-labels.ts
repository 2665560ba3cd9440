import type { ProspectKind, ProspectSourceKind, ProspectStatus, WatchItemStatus } from '../graphql/generated/graphql';

export const PROSPECT_STATUS_LABELS: Record<ProspectStatus, string> = {
  SPOTTED: 'Repéré',
  CONTACTED: 'Contacté',
  INTERESTED: 'Intéressé',
  JOINED: 'A rejoint le réseau',
  DECLINED: 'Ne veut pas être contacté',
  NOT_NOW: 'Pas maintenant',
};

/** The statuses the staff may set (JOINED comes from the sign-up through an invitation; DECLINED from its link). */
export const SETTABLE_STATUSES: ProspectStatus[] = ['SPOTTED', 'CONTACTED', 'INTERESTED', 'NOT_NOW'];

export const PROSPECT_KIND_LABELS: Record<ProspectKind, string> = {
  PERSON: 'Habitant·e',
  COLLECTIVE: 'Collectif',
  ASSOCIATION: 'Association',
};

export const SOURCE_KIND_LABELS: Record<ProspectSourceKind, string> = {
  WATCH_ITEM: 'Veille',
  EVENT: 'Événement',
  FREE_TEXT: 'Autre (note libre)',
};

export const WATCH_STATUS_LABELS: Record<WatchItemStatus, string> = {
  NEW: 'À trier',
  SELECTED: 'Retenus',
  DISMISSED: 'Écartés',
};

export const enumParam = <K extends string>(labels: Record<K, string>, value: string | null): K | null =>
  value && value in labels ? (value as K) : null;

/** The confirmation shown after an action (`?fait=…`), or null. */
export function doneMessage(messages: Record<string, (n: number) => string>, params: URLSearchParams): string | null {
  const done = params.get('fait');
  if (!done || !(done in messages)) return null;
  const n = Number(params.get('n') ?? '1');
  return messages[done]!(Number.isFinite(n) && n > 0 ? n : 1);
}
