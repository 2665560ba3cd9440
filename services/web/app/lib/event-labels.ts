import type { EventKind } from '../graphql/generated/graphql';

/** The network's words for the kinds of event (GLOSSARY.md). */
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  POT_DU_POTE: 'Pot du pote',
  ATELIER: 'Atelier',
  FORMATION: 'Formation',
  DEBAT: 'Métrokawa',
  MISSION: 'Mission',
  AUTRE: 'Rencontre',
};

/** « 3 places restantes », « Complet », or null when places are unlimited. */
export function placesLeftLabel(spotsLeft: number | null | undefined): string | null {
  if (spotsLeft === null || spotsLeft === undefined) return null;
  if (spotsLeft <= 0) return 'Complet : liste d’attente';
  return spotsLeft === 1 ? '1 place restante' : `${spotsLeft} places restantes`;
}
