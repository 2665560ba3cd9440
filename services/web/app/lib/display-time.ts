/**
 * Dates and times as the site's pages show them: @metropotes/french-time's words (the e-mails' own), with French
 * typography's no-break spaces inside « 18 h 30 » and « 3 décembre 2026 », so that a phone's narrow line never
 * breaks them apart (the e-mails do the same in their HTML: packages/mail's htmlText). The pages import their
 * formatting from here, never from @metropotes/french-time directly; its other helpers (parisDay, parisInstant…) are
 * not text shown and are imported from the package.
 */
import * as frenchTime from '@metropotes/french-time';

export const NO_BREAK_SPACE = '\u00a0';

const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
/** « 18 h », « 18 h 30 » (not « 18 h de route »: a letter or digit may not follow). */
const TIME = /(\d) h(?: (\d\d))?(?![\p{L}\d])/gu;
/** « 3 décembre », « 1er juin », « 1er juin 2027 » (the year is kept with its month). */
const DAY_MONTH = new RegExp(`(?<!\\d)(\\d{1,2}|1er) (${MONTHS})(?: (\\d{4}))?(?![\\p{L}\\d])`, 'gu');

/** The same text, with no-break spaces inside its times and its « day month [year] » dates. */
export function unbreakable(text: string): string {
  return text
    .replace(TIME, (_match, hour: string, minutes: string | undefined) => `${hour}${NO_BREAK_SPACE}h${minutes ? `${NO_BREAK_SPACE}${minutes}` : ''}`)
    .replace(
      DAY_MONTH,
      (_match, day: string, month: string, year: string | undefined) => `${day}${NO_BREAK_SPACE}${month}${year ? `${NO_BREAK_SPACE}${year}` : ''}`,
    );
}

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
