import { parisDay } from '@metropotes/french-time';
import { graphql } from '../graphql/generated';
import type { StaffNetworkStatsQuery } from '../graphql/generated/graphql';
import { EVENT_KIND_LABELS } from './event-labels';
import { nextDay, parseDay } from './paris-dates';

/**
 * The network's figures (issue #19, `networkStats`) as the console page /equipe/bilan and its CSV /equipe/bilan.csv
 * read them: one document, one reading of the period (?du=&au=, Paris days, both included), the same rows.
 */
export const NetworkStatsDocument = graphql(`
  query StaffNetworkStats($from: Date!, $to: Date!) {
    networkStats(from: $from, to: $to) {
      from
      to
      eventsHeld
      participants
      participations
      returningParticipants
      walkInMembers
      walkInNonMembers
      newMembers
      newcomersCameWithin4Weeks
      newcomersCameWithin12Weeks
      byTerritory {
        area
        territory {
          code
          name
        }
        participants
        participations
        newMembers
      }
      byKind {
        kind
        events
        participants
        participations
      }
    }
  }
`);

export type NetworkStats = StaffNetworkStatsQuery['networkStats'];

/** The form's fields and the API's arguments they stand for. */
export const PERIOD_LABELS: Record<string, string> = { du: 'Du', au: 'Au (inclus)' };
const API_FIELDS: Record<string, string> = { from: 'du', to: 'au' };

export interface PeriodReading {
  /** What the form shows: what was typed, or the default. */
  values: { du: string; au: string };
  fieldErrors: Record<string, string>;
  /** The period to ask for, when both days read. */
  period: { from: string; to: string } | null;
}

/** The same day one year before (29 February → 1 March). */
function yearBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - 1, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * ?du=&au= (2026-06-01 from a date input, or 01/06/2026 typed): by default the last 12 months in Paris, today
 * included. A day that does not read gets its error next to its field, and the typed text is kept.
 */
export function readPeriod(url: URL, now: Date): PeriodReading {
  const typedFirst = (url.searchParams.get('du') ?? '').trim();
  const typedLast = (url.searchParams.get('au') ?? '').trim();
  const fieldErrors: Record<string, string> = {};
  const last = typedLast ? parseDay(typedLast) : parisDay(now);
  if (!last) fieldErrors.au = 'Saisissez une date, par exemple 31/12/2026.';
  const first = typedFirst ? parseDay(typedFirst) : last ? nextDay(yearBefore(last)) : null;
  if (!first && typedFirst) fieldErrors.du = 'Saisissez une date, par exemple 01/01/2026.';
  if (first && last && first > last) fieldErrors.au = 'La date de fin doit suivre la date de début.';
  // A day that reads is shown as a date input holds it; one that does not, as it was typed.
  const values = { du: first ?? typedFirst, au: last ?? typedLast };
  return { values, fieldErrors, period: first && last && !Object.keys(fieldErrors).length ? { from: first, to: last } : null };
}

/** The API's errors on `from` / `to`, on the form's fields. */
export function periodFieldErrors(apiErrors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(apiErrors).map(([field, message]) => [API_FIELDS[field] ?? field, message]));
}

/** « 11/06/2025 » for a day. */
export const frenchDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export const AREA_LABELS: Record<string, string> = {
  OUTSIDE_METROPOLE: 'Hors de la Métropole',
  UNKNOWN: 'Commune non renseignée',
};

/** The headline figures, in the order the page and the CSV give them. */
export function summaryRows(stats: NetworkStats): [string, number][] {
  return [
    ['Événements tenus', stats.eventsHeld],
    ['Participant·es (membres venus au moins une fois)', stats.participants],
    ['Participations (présences de membres)', stats.participations],
    ['Membres venus au moins deux fois', stats.returningParticipants],
    ['Membres venus sans inscription', stats.walkInMembers],
    ['Personnes non membres comptées à l’entrée', stats.walkInNonMembers],
    ['Nouveaux membres', stats.newMembers],
    ['Nouveaux membres venus dans les 4 semaines après leur inscription', stats.newcomersCameWithin4Weeks],
    ['Nouveaux membres venus dans les 12 semaines après leur inscription', stats.newcomersCameWithin12Weeks],
  ];
}

export const territoryName = (row: NetworkStats['byTerritory'][number]) => row.territory?.name ?? AREA_LABELS[row.area] ?? row.area;
export const territoryKey = (row: NetworkStats['byTerritory'][number]) => row.territory?.code ?? row.area;
export const kindName = (row: NetworkStats['byKind'][number]) => EVENT_KIND_LABELS[row.kind];
