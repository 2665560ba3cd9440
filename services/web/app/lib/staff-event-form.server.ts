import type { EventKind, Theme, VenueInput } from '../graphql/generated/graphql';
import type { ApiFailure } from '../graphql/gateway.server';
import { EVENT_KIND_LABELS } from './event-labels';
import { THEME_LABELS } from './guide-labels';
import { reminderOffsetsOf } from '../components/reminder-offsets-field';

/** The fields the event and series forms share, read from the submitted form and checked for what the site must know. */
export interface SharedEventFields {
  title: string;
  kind: EventKind;
  themes: Theme[];
  venue: VenueInput | null;
  onlineUrl: string | null;
  capacity: number | null;
  reminderOffsetsHours: number[];
  description: string | null;
}

const value = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
};

export function sharedEventFields(form: FormData, errors: Record<string, string>): SharedEventFields {
  const kind = value(form, 'kind');
  if (!(kind in EVENT_KIND_LABELS)) errors.kind = 'Choisissez le type de rendez-vous.';
  const capacityText = value(form, 'capacity');
  let capacity: number | null = null;
  if (capacityText) {
    capacity = Number(capacityText);
    if (!/^\d+$/.test(capacityText) || capacity < 1) errors.capacity = 'Indiquez un nombre de places (un nombre entier, 1 ou plus), ou laissez vide.';
  }
  const venueName = value(form, 'venueName');
  const communeCode = value(form, 'communeCode');
  if (venueName && !communeCode) errors.communeCode = 'Choisissez la commune du lieu.';
  return {
    title: value(form, 'title'),
    kind: kind as EventKind,
    themes: form.getAll('themes').filter((t): t is Theme => typeof t === 'string' && t in THEME_LABELS),
    venue: venueName ? { name: venueName, address: value(form, 'address') || null, communeCode } : null,
    onlineUrl: value(form, 'onlineUrl') || null,
    capacity,
    reminderOffsetsHours: reminderOffsetsOf(form),
    description: value(form, 'description') || null,
  };
}

/** Kinds of event that declare the skills they develop (the API refuses skills on the others). */
export const KINDS_WITH_SKILLS: readonly EventKind[] = ['ATELIER', 'FORMATION'];

/**
 * The ticked skills (`skillIds` checkboxes), for an event's input: always sent for an atelier or a formation (none
 * ticked empties the list), for another kind only when some are ticked (the API then says they do not apply there).
 */
export function skillIdsOf(form: FormData, kind: string): { skillIds?: string[] } {
  const ids = form.getAll('skillIds').filter((v): v is string => typeof v === 'string' && v !== '');
  return (KINDS_WITH_SKILLS as readonly string[]).includes(kind) || ids.length ? { skillIds: ids } : {};
}

/** Every checkbox `themes` (and `skillIds`) kept (formValues keeps one value per name): comma-joined for the form to tick them again. */
export function keptValues(form: FormData, values: Record<string, string>): Record<string, string> {
  return {
    ...values,
    themes: form
      .getAll('themes')
      .filter((t) => typeof t === 'string')
      .join(','),
    skillIds: form
      .getAll('skillIds')
      .filter((t) => typeof t === 'string')
      .join(','),
    reminderOffsetsHours: form
      .getAll('reminderOffsetsHours')
      .filter((t) => typeof t === 'string')
      .join(','),
  };
}

/**
 * The API names its fields after the input (venue.communeCode, startsAt…): the form's names for them. `extra` maps
 * the page's own (series: rrule → frequency…).
 */
export function formFieldErrors(failure: ApiFailure, extra: Record<string, string> = {}): ApiFailure {
  const names: Record<string, string> = { name: 'venueName', startsAt: 'startTime', endsAt: 'endTime', venue: 'venueName', ...extra };
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(failure.fieldErrors)) {
    const last = field.split('.').pop()!;
    const name = names[last] ?? last;
    if (!(name in fieldErrors)) fieldErrors[name] = message;
  }
  return { ...failure, fieldErrors };
}
