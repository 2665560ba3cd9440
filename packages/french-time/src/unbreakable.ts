/**
 * French typography's no-break spaces inside times and dates, so that a narrow line (a phone, an e-mail app) never
 * breaks « 18 h 30 » or « 3 décembre 2026 » apart. One copy for the site's pages (services/web's display-time) and
 * the e-mails' HTML part (packages/mail's htmlText); text parts keep plain spaces.
 */
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
