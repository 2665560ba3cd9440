import { parseReminderOffsets } from './modules/events/reminder-offsets';

/** Rules of the events service set by the environment (the same variables as the workers read). */
export interface EventsSettings {
  /** The reminder offsets an organizer may choose from (REMINDER_OFFSETS_HOURS, hours, largest first). */
  reminderOffsetsHours: readonly number[];
  /**
   * How long after the first change of a published event's time, place or online link its change notice goes out
   * (EVENT_CHANGE_NOTICE_DELAY_SECONDS, default 600): the changes made meanwhile make one e-mail.
   */
  changeNoticeDelaySeconds: number;
}

export const DEFAULT_CHANGE_NOTICE_DELAY_SECONDS = 600;

/** The settings from environment variables (defaults when unset). */
export function eventsSettingsFrom(source: Record<string, string | undefined> = process.env): EventsSettings {
  const delay = source.EVENT_CHANGE_NOTICE_DELAY_SECONDS?.trim();
  const seconds = delay ? Number(delay) : DEFAULT_CHANGE_NOTICE_DELAY_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`EVENT_CHANGE_NOTICE_DELAY_SECONDS: "${delay}" is not a whole number of seconds`);
  return { reminderOffsetsHours: parseReminderOffsets(source.REMINDER_OFFSETS_HOURS), changeNoticeDelaySeconds: seconds };
}
