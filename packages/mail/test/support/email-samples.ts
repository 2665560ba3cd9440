/**
 * One realistic sample per e-mail template, the worst a phone will see: long French names, a long event title, a long
 * address, long addresses of other sites, a digest with every section the workers write. Shared by the tests that
 * render the e-mails: the phone-width test and its screenshots (services/web/test/email-layout.test.ts) and the links
 * test (services/web/test/email-links.test.ts), which points the samples at things that exist on its running system.
 *
 * A template missing here fails to compile (the record is keyed by MailTemplateName) and fails the tests that iterate
 * over MAIL_TEMPLATE_NAMES.
 */
import { formatParisTime, formatParisTimeRange } from '@metropotes/french-time';
import type { DigestSection, MailTemplateName } from '../../src';

/** What the samples link to: the site's address, and ids that exist where the links are followed. */
export interface SampleTargets {
  /** PUBLIC_URL: the site. */
  publicUrl: string;
  eventId: string;
  /** A member whose profile is linked: the newcomer, the buddy, someone who joined a group. */
  memberId: string;
  groupId: string;
  guideSlug: string;
}

export interface EmailSample {
  displayName: string;
  params: Record<string, string>;
}

export const SAMPLE_TARGETS: SampleTargets = {
  publicUrl: 'https://metropotes.example.org',
  eventId: '6f1c2a4e-3b5d-4c7e-8f90-1a2b3c4d5e6f',
  memberId: '0b7e4f2a-9c1d-4e3f-a5b6-c7d8e9f0a1b2',
  groupId: '4d3c2b1a-0f9e-4d8c-b7a6-958473625140',
  guideSlug: 'monter-une-amicale-de-locataires-dans-son-immeuble',
};

/** The samples' « now »: Monday 30 November 2026, 10 h in Paris (times are written without the year). */
export const SAMPLE_NOW = new Date('2026-11-30T09:00:00Z');
/** Thursday 3 December 2026, 18 h 30 to 21 h in Paris. */
const STARTS_AT = new Date('2026-12-03T17:30:00Z');
const ENDS_AT = new Date('2026-12-03T20:00:00Z');

const RECIPIENT = 'Marie-Françoise Abdelkader-Vandenberghe';
const BUDDY = 'Jean-Baptiste Nguyen-Rakotomalala';
const NEWCOMER = 'Anne-Sophie Traoré-Lefèvre-Dos Santos';
const TITLE = "Atelier d'écriture du cahier de doléances des habitant·es de Pleyel, Confluence et des Francs-Moisins";
const PLACE = 'Maison de quartier Romain-Rolland, bâtiment B, rez-de-chaussée, 12 bis avenue du Président-Salvador-Allende, 93200 Saint-Denis';
const ONLINE =
  'https://visio.reseau-metropotes.example.org/rejoindre/atelier-cahier-de-doleances-pleyel-confluence-francs-moisins?salle=principale&code=48213';
const GROUP = 'Amicale des locataires de la résidence Pablo-Picasso et des Courtillières (Pantin – Bobigny)';
const CONTACT = 'contestation-des-decisions-de-moderation@reseau-metropotes.example.org';

const when = (): string => formatParisTime(STARTS_AT, { now: SAMPLE_NOW });

/** The samples, by template, linking to `targets` (by default example addresses). */
export function emailSamples(targets: SampleTargets = SAMPLE_TARGETS): Record<MailTemplateName, EmailSample> {
  const site = targets.publicUrl.replace(/\/+$/, '');
  const event = { eventId: targets.eventId, title: TITLE, when: when(), place: PLACE };
  const sample = (params: Record<string, string>, displayName = RECIPIENT): EmailSample => ({ displayName, params });
  const sections: DigestSection[] = [
    {
      title: 'Mon agenda',
      items: [
        {
          label: TITLE,
          url: `${site}/evenements/${targets.eventId}`,
          detail: `${formatParisTime(STARTS_AT, { now: SAMPLE_NOW })} – Maison de quartier Romain-Rolland`,
        },
      ],
    },
    {
      title: 'Mes groupes',
      items: [
        {
          label: 'Assemblée générale annuelle et élection du bureau',
          url: `${site}/groupes/${targets.groupId}`,
          detail: `${GROUP} – ${formatParisTime('2026-12-08T18:00:00Z', { now: SAMPLE_NOW })} – en ligne`,
        },
        {
          label: `${NEWCOMER} a rejoint ${GROUP}`,
          url: `${site}/membres/${targets.memberId}`,
          detail: `le ${formatParisTime('2026-11-26T10:00:00Z', { style: 'date', now: SAMPLE_NOW })}`,
        },
      ],
    },
    {
      title: 'Initiatives repérées par la veille',
      items: [
        {
          label: 'Concertation sur le réaménagement de la place du Front-Populaire et des abords de la gare Saint-Denis–Pleyel',
          url: 'https://www.concertations-plainecommune.example.fr/projets/reamenagement-place-du-front-populaire-et-abords-gare-saint-denis-pleyel',
          detail: 'Plaine Commune – Aubervilliers, Saint-Denis',
        },
      ],
    },
    {
      title: 'Événements à venir pour vous',
      items: [
        {
          label: 'Formation « Prendre la parole en public et interpeller ses élu·es »',
          url: `${site}/evenements/${targets.eventId}`,
          detail: `${formatParisTimeRange('2026-12-12T09:00:00Z', '2026-12-12T16:00:00Z', { now: SAMPLE_NOW })} – Bourse du travail de Bobigny`,
        },
      ],
    },
    {
      title: 'Nouveau dans le guide',
      items: [
        {
          label: 'Monter une amicale de locataires dans son immeuble',
          url: `${site}/guide/${targets.guideSlug}`,
          detail: 'Les étapes, les statuts, les droits des locataires et les aides de la ville.',
        },
      ],
    },
    {
      title: 'Nouveaux Métropotes près de chez vous',
      items: [
        {
          label: NEWCOMER,
          url: `${site}/membres/${targets.memberId}`,
          detail: `a rejoint le réseau le ${formatParisTime('2026-11-26T10:00:00Z', { style: 'date', now: SAMPLE_NOW })} (L'Île-Saint-Denis)`,
        },
      ],
    },
  ];
  return {
    'verify-email': sample({ validForHours: '48' }),
    'password-reset': sample({ validForHours: '2' }),
    welcome: sample({
      potId: targets.eventId,
      potTitle: "Pot du pote de L'Île-Saint-Denis et des habitant·es du quartier Sud",
      potWhen: when(),
      potPlace: PLACE,
      potScope: 'COMMUNE',
      communeName: "L'Île-Saint-Denis",
      territoryName: 'Plaine Commune',
      buddyId: targets.memberId,
      buddyName: BUDDY,
    }),
    'buddy-assigned': sample({ buddyId: targets.memberId, buddyName: BUDDY }),
    'newcomer-nudge': sample(
      {
        event1Id: targets.eventId,
        event1Title: TITLE,
        event1When: when(),
        event1Place: PLACE,
        event1Scope: 'COMMUNE',
        event2Id: targets.eventId,
        event2Title: 'Formation « Prendre la parole en public et interpeller ses élu·es »',
        event2When: formatParisTime('2026-12-12T09:00:00Z', { now: SAMPLE_NOW }),
        event2Place: 'Bourse du travail, 1 place de la Libération, 93000 Bobigny',
        event2Scope: 'TERRITORY',
        communeName: 'Saint-Denis',
        territoryName: 'Plaine Commune',
        buddyId: targets.memberId,
        buddyName: BUDDY,
      },
      NEWCOMER,
    ),
    'buddy-nudge': sample(
      { newcomerId: targets.memberId, newcomerName: NEWCOMER, joinedOn: formatParisTime('2026-10-20T09:00:00Z', { style: 'date', now: SAMPLE_NOW }) },
      BUDDY,
    ),
    'prospect-invitation': sample(
      {
        message:
          'Nous avons découvert le repair café que votre association anime chaque samedi à la Maison des Fougères : votre énergie et votre ancrage dans le quartier nous ont enthousiasmé·es. Nous serions ravi·es de vous accueillir au prochain pot du pote.',
        validForDays: '30',
      },
      'Association Les Ami·es du Repair Café des Fougères et du Haut-Montreuil',
    ),
    'event-cancelled': sample({
      ...event,
      reason: "La maison de quartier est fermée pour travaux jusqu'à nouvel ordre ; l'atelier sera reprogrammé en janvier.",
      ics: 'oui',
    }),
    'event-changed': sample({
      ...event,
      onlineUrl: ONLINE,
      whenBefore: formatParisTimeRange('2026-12-03T17:00:00Z', ENDS_AT, { now: SAMPLE_NOW }),
      whenAfter: formatParisTimeRange(STARTS_AT, ENDS_AT, { now: SAMPLE_NOW }),
      placeBefore: 'Médiathèque Don-Quichotte, 120 avenue du Président-Wilson, 93200 Saint-Denis',
      placeAfter: PLACE,
      onlineBefore: '',
      onlineAfter: ONLINE,
      ics: 'oui',
    }),
    'registration-promoted': sample(event),
    'event-reminder': sample({
      ...event,
      onlineUrl: ONLINE,
      startsAtIso: STARTS_AT.toISOString(),
      writtenAtIso: new Date('2026-12-02T17:30:00Z').toISOString(),
      ics: 'oui',
    }),
    digest: sample({ periodLabel: 'de la semaine du 30 novembre 2026', sections: JSON.stringify(sections), preferencesUrl: `${site}/preferences` }),
    'proposal-published': sample({ contentType: 'EVENT', contentId: targets.eventId, title: TITLE }),
    'proposal-rejected': sample({
      contentType: 'GUIDE_ARTICLE',
      contentId: targets.eventId,
      slug: targets.guideSlug,
      title: 'Monter une amicale de locataires dans son immeuble',
      reason: "Merci de préciser les démarches auprès du bailleur social et d'ajouter les coordonnées de la confédération départementale.",
    }),
    'sanction-notice': sample({
      action: 'SUSPEND',
      reason: 'Messages répétés hors sujet et agressifs envers les autres membres du groupe, malgré un premier avertissement.',
      contact: CONTACT,
      until: formatParisTime('2026-12-14T11:00:00Z', { now: SAMPLE_NOW }),
    }),
    'report-outcome': sample({
      action: 'HIDE',
      targetType: 'EVENT',
      reportedAt: formatParisTime('2026-11-26T10:00:00Z', { style: 'date', now: SAMPLE_NOW }),
    }),
    'staff-digest': sample({
      day: formatParisTime(SAMPLE_NOW, { style: 'date', now: SAMPLE_NOW }),
      eventsToReview: '3',
      eventRevisionsToReview: '2',
      fichesToReview: '1',
      openCases: '4',
      watchItemsToCurate: '17',
      newcomersToWelcome: '6',
      deadJobs: '1',
    }),
    'group-message': sample({
      groupId: targets.groupId,
      groupName: GROUP,
      subject: "Assemblée générale annuelle, élection du bureau et point sur les charges locatives de l'année",
      body: "Bonjour à toutes et à tous,\n\nNotre assemblée générale aura lieu le mardi 8 décembre à 19 h dans la salle commune du bâtiment C. À l'ordre du jour : le bilan de l'année, l'élection du bureau et la régularisation des charges.\n\nVenez nombreuses et nombreux !",
      authorName: BUDDY,
    }),
    'event-message': sample({
      eventId: targets.eventId,
      title: TITLE,
      subject: "Changement de salle : rendez-vous au rez-de-chaussée du bâtiment B, l'ascenseur est en panne",
      body: "Bonjour,\n\nL'ascenseur du bâtiment A est en panne : nous nous retrouvons au rez-de-chaussée du bâtiment B, accessible de plain-pied. Pensez à apporter vos courriers de réclamation.\n\nÀ jeudi !",
    }),
  };
}
