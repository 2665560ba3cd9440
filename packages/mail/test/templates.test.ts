import {
  fillSecretLinks,
  hasSecretLink,
  MAIL_TEMPLATE_NAMES,
  reminderStartPhrase,
  renderEmail,
  SECRET_LINK_PLACEHOLDER,
  TemplateParamError,
} from '../src';

const publicUrl = 'https://metropotes.example.org/';
const input = (params: Record<string, string> = {}) => ({ displayName: 'Awa <Diallo> & co', publicUrl, params });

const eventParams = {
  eventId: 'e1',
  title: 'Pot du pote',
  when: 'mardi 1er décembre 2026 à 19 h',
  buddyId: 'm1',
  buddyName: 'Jean-Pierre <Roux>',
  // proposal-*, sanction-notice, report-outcome, staff-digest
  contentType: 'EVENT',
  contentId: 'e1',
  reason: 'Trop vague',
  action: 'WARN',
  contact: 'contact@example.org',
  targetType: 'EVENT',
  day: 'jeudi 3 décembre',
  openCases: '2',
  // group-message, event-message
  groupId: 'g1',
  groupName: 'Amicale <Picasso>',
  subject: 'Réunion',
  body: 'Bonjour à toutes et tous.\nÀ jeudi !',
  // newcomer-nudge, buddy-nudge
  newcomerId: 'm2',
  newcomerName: 'Inès <Haddad>',
  joinedOn: '2 novembre 2026',
};
const digestParams = {
  periodLabel: 'de la semaine 2026-W48',
  sections: JSON.stringify([
    { title: 'Initiatives', items: [{ label: 'Jardin <partagé>', url: 'https://example.org/j', detail: 'Saint-Denis' }] },
    { title: 'Vide', items: [] },
  ]),
};

describe('e-mail templates', () => {
  it.each(MAIL_TEMPLATE_NAMES)('%s: French, HTML and text, network name, footer reason, escaped name', (template) => {
    const mail = renderEmail(template, input({ ...eventParams, ...digestParams }));
    expect(mail.subject).toContain('Les Métropotes');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('Les Métropotes');
    expect(mail.text).toContain('Les Métropotes');
    expect(mail.html).toContain('Vous recevez cet e-mail parce qu');
    expect(mail.text).toContain('Vous recevez cet e-mail parce qu');
    expect(mail.text).toContain('Bonjour Awa <Diallo> & co,');
    expect(mail.html).toContain('Bonjour Awa &lt;Diallo&gt; &amp; co,');
    expect(mail.html).not.toContain('<Diallo>');
    expect(mail.text).not.toMatch(/<(p|a|br|table|td|div)\b/);
    // French grammar: « de » + « Les » is « des ».
    expect(mail.text).not.toMatch(/\bde Les\b/);
    // Pure: the same input renders the same e-mail.
    expect(renderEmail(template, input({ ...eventParams, ...digestParams }))).toEqual(mail);
  });

  it('verify-email links to /verifier-email with the token masked; the workers fill it in, URL-encoded', () => {
    const mail = renderEmail('verify-email', input({ ...eventParams, ...digestParams }));
    const masked = `https://metropotes.example.org/verifier-email?token=${SECRET_LINK_PLACEHOLDER}`;
    expect(mail.subject).toBe('Confirmez votre adresse e-mail – Les Métropotes');
    expect(mail.text).toContain(masked);
    expect(mail.html).toContain(`href="${masked}"`);
    expect(mail.text).toContain("Si vous n'avez pas créé de compte");
    expect(mail.text).not.toContain('valable');
    const link = 'https://metropotes.example.org/verifier-email?token=tok%2Fen%2B1%3D';
    expect(fillSecretLinks(mail.text, 'tok/en+1=', 'text')).toContain(link);
    expect(fillSecretLinks(mail.html, 'tok/en+1=', 'html')).toContain(`href="${link}"`);
    expect(hasSecretLink(fillSecretLinks(mail.html, 'tok/en+1=', 'html'))).toBe(false);
  });

  it('password-reset links to the reset page, token masked, and states the validity when given', () => {
    const mail = renderEmail('password-reset', input({ token: 'abc', validForHours: '2' }));
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe – Les Métropotes');
    expect(mail.text).toContain(`https://metropotes.example.org/reinitialiser-mot-de-passe?token=${SECRET_LINK_PLACEHOLDER}`);
    // A token given as a parameter is never written into the e-mail.
    expect(mail.text).not.toContain('token=abc');
    expect(mail.text).toContain('Ce lien est valable 2 heures');
    expect(mail.html).toContain('Ce lien est valable 2 heures');
  });

  it('welcome names the nearest pot du pote with its one-click link, and the buddy with their profile', () => {
    const mail = renderEmail(
      'welcome',
      input({
        potId: 'p1',
        potTitle: 'Pot du pote de Saint-Denis',
        potWhen: 'jeudi 3 décembre à 18 h 30',
        potPlace: 'Le Phares',
        potScope: 'TERRITORY',
        territoryName: 'Plaine Commune',
        buddyId: 'm1',
        buddyName: 'Jean-Pierre Roux',
      }),
    );
    expect(mail.text).toContain(
      'Le prochain dans votre territoire, Plaine Commune : « Pot du pote de Saint-Denis », jeudi 3 décembre à 18 h 30, Le Phares.',
    );
    expect(mail.html).toContain('href="https://metropotes.example.org/evenements/p1?inscription=1"');
    expect(mail.text).toContain('Jean-Pierre Roux, un·e Métropote déjà engagé·e dans le réseau, sera votre binôme');
    expect(mail.html).toContain('href="https://metropotes.example.org/membres/m1"');
    expect(mail.text).not.toContain('/agenda');
    // A buddy whose profile only the staff read: named, not linked.
    const hidden = renderEmail('welcome', input({ buddyId: 'm1', buddyName: 'Jean-Pierre Roux', buddyHidden: '1' }));
    expect(hidden.text).not.toContain('/membres/m1');
    expect(hidden.text).toContain("L'équipe d'animation vous mettra en relation.");
  });

  it('welcome needs no token and links to the platform', () => {
    const mail = renderEmail('welcome', input());
    expect(mail.subject).toBe('Bienvenue chez Les Métropotes !');
    expect(mail.text).toContain('pot du pote');
    expect(mail.html).toContain('href="https://metropotes.example.org/"');
    // No pot du pote announced: the agenda.
    expect(mail.text).toContain("Aucun n'est encore annoncé à l'agenda");
    expect(mail.html).toContain('href="https://metropotes.example.org/agenda"');
    expect(hasSecretLink(mail.html) || hasSecretLink(mail.text)).toBe(false);
  });

  it('the digest masks its unsubscribe link unless given one without a secret; the placeholder is neutralised in what comes from outside', () => {
    const sections = JSON.stringify([
      { title: 'Initiatives', items: [{ label: `Voir ${SECRET_LINK_PLACEHOLDER}`, url: `https://ailleurs.example/?x=${SECRET_LINK_PLACEHOLDER}` }] },
    ]);
    const mail = renderEmail('digest', {
      displayName: `Awa ${SECRET_LINK_PLACEHOLDER}`,
      publicUrl,
      params: { periodLabel: 'de la semaine 2026-W48', sections },
    });
    expect(mail.text).toContain(`Me désabonner : https://metropotes.example.org/unsubscribe/${SECRET_LINK_PLACEHOLDER}`);
    // In the HTML part, words: the footer's links.
    expect(mail.html).toContain(
      `<a href="https://metropotes.example.org/unsubscribe/${SECRET_LINK_PLACEHOLDER}" style="color:#666666;text-decoration:underline;">Me désabonner</a>`,
    );
    expect(mail.html).toContain(
      '<a href="https://metropotes.example.org/preferences" style="color:#666666;text-decoration:underline;">Gérer mes préférences</a>',
    );
    expect(mail.html).not.toContain(`>https://metropotes.example.org/unsubscribe/`);
    // Only the template's own link takes the secret at delivery.
    const filled = fillSecretLinks(mail.text, 'secret', 'text');
    expect(filled.match(/secret/g)).toHaveLength(1);
    expect(filled).toContain('https://metropotes.example.org/unsubscribe/secret');
    expect(fillSecretLinks(mail.html, 'secret', 'html').match(/secret/g)).toHaveLength(1);
    const preview = renderEmail('digest', input({ ...digestParams, unsubscribeUrl: 'https://metropotes.example.org/preferences' }));
    expect(preview.text).toContain('Me désabonner : https://metropotes.example.org/preferences');
    expect(hasSecretLink(preview.text)).toBe(false);
  });

  it('refuses a template without one of its parameters, naming the template and the parameter', () => {
    expect(() => renderEmail('digest', input())).toThrow(TemplateParamError);
    expect(() => renderEmail('event-cancelled', input({ ...eventParams, title: '  ' }))).toThrow(/event-cancelled.*title/);
  });

  it('event e-mails: French subject, event facts, link to the event page, reason when given', () => {
    const cancelled = renderEmail(
      'event-cancelled',
      input({ ...eventParams, place: "Salle des fêtes, 93450 L'Île-Saint-Denis", reason: 'Intempéries' }),
    );
    expect(cancelled.subject).toBe('Annulé : Pot du pote – Les Métropotes');
    expect(cancelled.text).toContain('Quand : mardi 1er décembre 2026 à 19 h');
    expect(cancelled.text).toContain("Où : Salle des fêtes, 93450 L'Île-Saint-Denis");
    expect(cancelled.text).toContain('Raison donnée : Intempéries');
    expect(cancelled.html).toContain('href="https://metropotes.example.org/evenements/e1"');
    const reminder = renderEmail('event-reminder', input({ ...eventParams, offsetHours: '24' }));
    expect(reminder.subject).toBe('Rappel : Pot du pote, demain – Les Métropotes');
    expect(renderEmail('event-reminder', input({ ...eventParams, offsetHours: '3' })).subject).toContain('dans 3 heures');
    // Worded by the time left when the reminder is written (Paris), not by its offset: a day-before reminder
    // written at 16:00 for 19:00 the same day says « aujourd'hui ».
    const at = (startsAtIso: string, writtenAtIso: string) =>
      renderEmail('event-reminder', input({ ...eventParams, offsetHours: '24', startsAtIso, writtenAtIso }));
    const sameDay = at('2026-11-24T18:00:00Z', '2026-11-24T15:00:00Z');
    expect(sameDay.subject).toBe("Rappel : Pot du pote, aujourd'hui à 19 h – Les Métropotes");
    expect(sameDay.text).toContain("Petit rappel : vous êtes inscrit·e à « Pot du pote », c'est aujourd'hui à 19 h.");
    expect(at('2026-11-24T18:00:00Z', '2026-11-23T19:00:00Z').subject).toBe('Rappel : Pot du pote, demain à 19 h – Les Métropotes');
    // Paris midnight, not UTC's: 23:30 UTC on the 23rd is already the 24th in Paris.
    expect(at('2026-11-24T18:00:00Z', '2026-11-23T23:30:00Z').subject).toContain("aujourd'hui à 19 h");
    expect(at('2026-11-24T00:30:00Z', '2026-11-23T21:00:00Z').subject).toContain('demain à 1 h 30');
    // Summer time (UTC+2), and further days (should not happen with offsets up to 48 h).
    expect(at('2026-07-14T17:00:00Z', '2026-07-13T20:00:00Z').subject).toContain('demain à 19 h');
    expect(at('2026-11-24T18:00:00Z', '2026-11-21T18:00:00Z').subject).toBe('Rappel : Pot du pote, le mardi 24 novembre à 19 h – Les Métropotes');
    expect(at('2026-12-01T18:30:00Z', '2026-11-28T18:00:00Z').subject).toContain('le mardi 1er décembre à 19 h 30');
    expect(reminderStartPhrase(new Date('2026-11-24T18:00:00Z'), new Date('2026-11-24T17:10:00Z'))).toBe("aujourd'hui à 19 h");
    expect(renderEmail('registration-promoted', input(eventParams)).subject).toBe("Une place s'est libérée : Pot du pote – Les Métropotes");
    expect(() => renderEmail('event-cancelled', input({ eventId: 'e1', when: 'demain' }))).toThrow(TemplateParamError);
  });

  it('links are words in the HTML part and full addresses in the text part: online link, its change, footers', () => {
    const online = 'https://visio.example.org/atelier-budget?salle=42';
    const reminder = renderEmail('event-reminder', input({ ...eventParams, onlineUrl: online }));
    expect(reminder.html).toContain(`En ligne&nbsp;: <a href="${online}" style="color:#c2185b;">rejoindre l&#39;événement en ligne</a>`);
    expect(reminder.text).toContain(`En ligne : ${online}`);
    // French typography in HTML only: a phone never breaks « 19 h » apart, nor starts a line with « : ».
    expect(reminder.html).toContain('Quand&nbsp;: mardi 1er&nbsp;décembre&nbsp;2026 à 19&nbsp;h</p>');
    expect(reminder.text).toContain('Quand : mardi 1er décembre 2026 à 19 h\n');
    const changed = renderEmail('event-changed', input({ ...eventParams, onlineBefore: 'https://visio.example.org/ancien', onlineAfter: online }));
    expect(changed.html).toContain(
      `Lien en ligne&nbsp;: <a href="https://visio.example.org/ancien" style="color:#c2185b;">ancien lien</a> → <a href="${online}" style="color:#c2185b;">nouveau lien</a>`,
    );
    expect(changed.text).toContain(`Lien en ligne : https://visio.example.org/ancien → ${online}`);
    expect(renderEmail('event-changed', input({ ...eventParams, onlineBefore: '', onlineAfter: online })).text).toContain(
      `Lien en ligne : aucun → ${online}`,
    );
    const group = renderEmail('group-message', input(eventParams));
    expect(group.html).toContain(
      `<a href="https://metropotes.example.org/unsubscribe/${SECRET_LINK_PLACEHOLDER}" style="color:#666666;text-decoration:underline;">Ne plus recevoir les messages de ce groupe</a>`,
    );
    expect(group.text).toContain(
      `Ne plus recevoir les messages de ce groupe : https://metropotes.example.org/unsubscribe/${SECRET_LINK_PLACEHOLDER}`,
    );
    const staff = renderEmail('staff-digest', input(eventParams));
    expect(staff.html).toContain('>Gérer mes préférences</a>');
    expect(staff.text).toContain('Gérer mes préférences : https://metropotes.example.org/preferences');
    // Every template: no address as text in the HTML part outside a button's fallback, and the preheader hidden.
    for (const template of MAIL_TEMPLATE_NAMES) {
      const html = renderEmail(template, input({ ...eventParams, ...digestParams, onlineUrl: online })).html.replace(
        /<p class="fallback"[^]*?<\/p>/g,
        '',
      );
      const visible = html.replace(/<[^>]+>/g, ' ');
      expect({ template, addresses: visible.match(/https?:\/\/\S+/g) ?? [] }).toEqual({ template, addresses: [] });
      expect(html).toMatch(/<div class="preheader" style="display:none;[^"]*">[^<]+/);
    }
  });

  it('digest: sections as headings and linked items (escaped), empty sections left out, unsubscribe link', () => {
    const mail = renderEmail('digest', input(digestParams));
    expect(mail.subject).toBe('La veille de la semaine 2026-W48 – Les Métropotes');
    expect(mail.html).toContain('Jardin &lt;partagé&gt;');
    expect(mail.html).not.toContain('Vide');
    expect(mail.text).toContain('== Initiatives ==');
    expect(mail.text).toContain('- Jardin <partagé>');
    expect(mail.text).toContain(`https://metropotes.example.org/unsubscribe/${SECRET_LINK_PLACEHOLDER}`);
    expect(() => renderEmail('digest', input({ ...digestParams, sections: 'pas du json' }))).toThrow(TemplateParamError);
  });

  it('sanction-notice: a ban is for good, with the contact address; an unknown decision cannot be written', () => {
    const ban = renderEmail('sanction-notice', input({ action: 'BAN', reason: 'Menaces répétées.', contact: 'contact@example.org' }));
    expect(ban.subject).toBe('Compte exclu – Les Métropotes');
    expect(ban.text).toContain('Motif : Menaces répétées.');
    expect(ban.text).toContain("L'exclusion est définitive");
    expect(ban.text).toContain('contester en écrivant à contact@example.org');
    expect(() => renderEmail('sanction-notice', input({ action: 'SUSPEND', reason: 'x', contact: 'c@example.org' }))).toThrow(TemplateParamError);
    expect(() => renderEmail('sanction-notice', input({ action: 'HIDE', reason: 'x', contact: 'c@example.org' }))).toThrow(TemplateParamError);
  });

  it('report-outcome: the outcome in general words; staff-digest: the counts that are not 0, linked to the console', () => {
    const dismissed = renderEmail('report-outcome', input({ action: 'DISMISS', targetType: 'GUIDE_ARTICLE', reportedAt: 'lundi 1 juin' }));
    expect(dismissed.text).toContain('Vous avez signalé une fiche du guide le lundi 1 juin');
    expect(dismissed.text).toContain("aucune mesure n'a été prise");
    const digest = renderEmail('staff-digest', input({ day: 'jeudi 3 décembre', openCases: '2', deadJobs: '0', watchItemsToCurate: '5' }));
    expect(digest.text).toContain('Signalements ouverts : 2');
    expect(digest.text).toContain('https://metropotes.example.org/equipe/moderation');
    expect(digest.text).toContain('Éléments de veille à trier : 5');
    expect(digest.text).not.toContain('Tâches en échec');
  });
});
