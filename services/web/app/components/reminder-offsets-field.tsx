import { ChoiceGroup } from './choice-group';

/** « La veille (24 h avant) », « 3 jours avant », « 3 heures avant », « 1 heure avant ». */
export function reminderOffsetLabel(hours: number): string {
  if (hours === 24) return 'La veille (24 h avant)';
  if (hours % 24 === 0) return `${hours / 24} jours avant`;
  return hours === 1 ? '1 heure avant' : `${hours} heures avant`;
}

/**
 * The reminders the attendees get, as checkboxes (`reminderOffsetsHours`): the offsets the platform allows
 * (Query.reminderOffsetChoices), ticked from `value` (comma-joined hours; undefined for a new event: the day before).
 */
export function ReminderOffsetsField({ choices, value, error }: { choices: readonly number[]; value: string | undefined; error?: string }) {
  if (!choices.length) return null;
  const checked = new Set((value ?? '24').split(',').filter(Boolean));
  return (
    <ChoiceGroup
      name="reminderOffsetsHours"
      legend="Rappels par e-mail aux inscrit·es"
      hint="Chaque inscrit·e reçoit un rappel (avec l’adresse et le fichier pour son agenda) à chaque moment coché. Aucun coché : pas de rappel."
      error={error}
      checked={checked}
      choices={choices.map((hours) => ({ value: String(hours), label: reminderOffsetLabel(hours) }))}
    />
  );
}

/** The ticked offsets of a submitted form. */
export function reminderOffsetsOf(form: FormData): number[] {
  return form
    .getAll('reminderOffsetsHours')
    .map((v) => (typeof v === 'string' ? Number(v) : NaN))
    .filter((h) => Number.isInteger(h) && h > 0);
}
