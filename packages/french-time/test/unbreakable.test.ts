import { NO_BREAK_SPACE as NB, unbreakable } from '../src';

/** No-break spaces inside times and dates (the site's pages and the e-mails' HTML part use this one function). */
describe('unbreakable', () => {
  it('keeps times and « day month [year] » together, and leaves other words alone', () => {
    expect(unbreakable('3 heures de route, 12 hommes, 2 h de marche')).toBe(`3 heures de route, 12 hommes, 2${NB}h de marche`);
    expect(unbreakable('11 rendez-vous du 14 juin au 30 juin 2026.')).toBe(`11 rendez-vous du 14${NB}juin au 30${NB}juin${NB}2026.`);
    expect(unbreakable('le 2 mai, 123 mars, 5 maisons')).toBe(`le 2${NB}mai, 123 mars, 5 maisons`);
  });
});
