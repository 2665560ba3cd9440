/**
 * Dates and times as the site's pages show them: @metropotes/french-time's words (the e-mails' own), with French
 * typography's no-break spaces inside « 18 h 30 » and « 3 décembre 2026 », so that a phone's narrow line never
 * breaks them apart (@metropotes/french-time's `unbreakable`, which the e-mails' HTML uses too). The pages import their
 * formatting from here, never from @metropotes/french-time directly; its other helpers (parisDay, parisInstant…) are
 * not text shown and are imported from the package.
 */
import * as frenchTime from '@metropotes/french-time';

/** The no-break spaces themselves (one copy, in @metropotes/french-time: the e-mails use it too). */
export { NO_BREAK_SPACE, unbreakable } from '@metropotes/french-time';
const { unbreakable } = frenchTime;

/** « jeudi 3 décembre à 18 h 30 » and its other styles (formatParisTime), unbreakable. */
export const formatParisTime = (...args: Parameters<typeof frenchTime.formatParisTime>): string => unbreakable(frenchTime.formatParisTime(...args));

/** « jeudi 3 décembre à 18 h 30 » (formatParisDateTime), unbreakable. */
export const formatParisDateTime = (...args: Parameters<typeof frenchTime.formatParisDateTime>): string =>
  unbreakable(frenchTime.formatParisDateTime(...args));

/** « jeudi 3 décembre de 18 h 30 à 20 h » (formatParisTimeRange), unbreakable. */
export const formatParisTimeRange = (...args: Parameters<typeof frenchTime.formatParisTimeRange>): string =>
  unbreakable(frenchTime.formatParisTimeRange(...args));

/** « demain à 19 h » (formatParisTimeFrom), unbreakable. */
export const formatParisTimeFrom = (...args: Parameters<typeof frenchTime.formatParisTimeFrom>): string =>
  unbreakable(frenchTime.formatParisTimeFrom(...args));

/** « 18:30 » written « 18 h 30 » (formatClockTime), unbreakable. */
export const formatClockTime = (...args: Parameters<typeof frenchTime.formatClockTime>): string => unbreakable(frenchTime.formatClockTime(...args));
