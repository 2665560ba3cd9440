import { badInput } from '@metropotes/graphql-kit';

/** The offsets an organizer may choose from when REMINDER_OFFSETS_HOURS is not set (hours before the start). */
export const DEFAULT_REMINDER_OFFSETS_HOURS = '72,24,3';

/** The reminders of an event whose organizer chose none: the day before. */
export const DEFAULT_EVENT_REMINDER_OFFSETS: readonly number[] = [24];

/** "72, 24,3" → [72, 24, 3]: whole positive hours, each once, largest first. */
export function parseReminderOffsets(text: string | undefined): number[] {
  const raw = text === undefined ? DEFAULT_REMINDER_OFFSETS_HOURS : text;
  const hours = raw
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map(Number);
  if (hours.some((h) => !Number.isInteger(h) || h <= 0))
    throw new Error(`REMINDER_OFFSETS_HOURS: "${raw}" is not whole hours, comma-separated (such as "72,24,3")`);
  return [...new Set(hours)].sort((a, b) => b - a);
}

/** « 72 h (3 jours avant) »-free wording of the allowed set for messages: « 72, 24 ou 3 ». */
function frenchList(hours: readonly number[]): string {
  if (hours.length <= 1) return hours.join('');
  return `${hours.slice(0, -1).join(', ')} ou ${hours[hours.length - 1]}`;
}

/**
 * The reminders an organizer chose, checked against the allowed set (`allowed`, REMINDER_OFFSETS_HOURS): each once,
 * largest first; an empty list means no reminder. BAD_USER_INPUT on `reminderOffsetsHours` for an hour not allowed.
 */
export function cleanReminderOffsets(input: readonly number[], allowed: readonly number[]): number[] {
  const wrong = input.find((h) => !allowed.includes(h));
  if (wrong !== undefined) {
    throw badInput(
      allowed.length
        ? `Les rappels se choisissent parmi ${frenchList(allowed)} heures avant le début (${wrong} n'en fait pas partie).`
        : "Aucun rappel n'est proposé sur cette plateforme.",
      'reminderOffsetsHours',
    );
  }
  return [...new Set(input)].sort((a, b) => b - a);
}
