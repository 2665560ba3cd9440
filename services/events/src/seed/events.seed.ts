import 'reflect-metadata';
import { processClock, type Clock } from '@metropotes/config';
import { createServiceDataSource, runMigrations } from '@metropotes/database';
import { addToOutbox } from '@metropotes/jobs';
import type { DataSource } from 'typeorm';
import { fromParisWallClock, parisWallClock } from '../lib/paris-time';
import { expandSeries, parisToday } from '../modules/series/series-expansion';
import { entities, migrations } from '../server';

/**
 * The demo data set of the events service: the monthly pot du pote as a real series (its occurrences
 * computed by the series code), ateliers and formations in several territories, and registrations.
 * Members are referenced by the ids the members seed gives (federation references).
 */
export interface EventsSeedPeople {
  staffId: string;
  memberIds: string[];
  newcomerIds: string[];
  /** With --scale large: generated members, ids md5('metropotes-seed-member-' || n)::uuid for n in 1..count. */
  largeMemberCount: number;
}

export interface EventsSeedOptions {
  scale: 'demo' | 'large';
  log?: (line: string) => void;
  /**
   * The process's clock: the demo events are dated from its now (the next pot du pote, ateliers in N days), the
   * large set spreads around it. Default: the clock CLOCK_START gives (development only), else the real time.
   */
  clock?: Clock;
}

/** The clock the seed runs on when its caller does not pass one: CLOCK_START (never in production), or the real time. */
const seedClock = (options: EventsSeedOptions): Clock =>
  options.clock ?? processClock({ production: process.env.NODE_ENV === 'production', clockStart: process.env.CLOCK_START });

export const POT_DU_POTE_SERIES_ID = '5eed0003-0000-4000-8000-000000000001';
const eventId = (n: number) => `5eed0004-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const revisionId = (n: number) => `5eed0009-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const skillId = (n: number) => `5eed000a-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** The skills staff keep (issue #19); the last one archived, to show what archiving does. */
const DEMO_SKILLS: { n: number; name: string; description: string; archived?: boolean }[] = [
  {
    n: 1,
    name: 'Animer une réunion',
    description: 'Préparer un ordre du jour, distribuer la parole, tenir le temps et garder une trace des décisions.',
  },
  {
    n: 2,
    name: 'Prendre la parole en public',
    description: 'Préparer une intervention courte, parler devant une salle ou un conseil, répondre aux questions.',
  },
  {
    n: 3,
    name: 'Interpeller un élu',
    description: 'Savoir à qui s’adresser, écrire un courrier ou poser une question en séance, et obtenir une réponse.',
  },
  {
    n: 4,
    name: 'Monter un projet associatif',
    description: 'Passer d’une idée à un projet : objectifs, budget, partenaires, calendrier, demande de subvention.',
  },
  {
    n: 5,
    name: 'Lire un dossier d’urbanisme',
    description: 'S’y retrouver dans un PLU, un permis de construire ou un dossier d’enquête publique, et en tirer l’essentiel.',
  },
  {
    n: 6,
    name: 'Rédiger un texte collectif',
    description: 'Écrire à plusieurs une pétition, une tribune ou une contribution, et la faire valider par le groupe.',
  },
  {
    n: 7,
    name: 'Tenir un stand',
    description: 'Accueillir les passants sur un marché ou une fête de quartier et leur présenter le réseau.',
    archived: true,
  },
];

/** What the other seeds may reference (federation ids only). */
export interface EventsSeedResult {
  /** The demo ateliers, formations, débats and missions (published), in the order of DEMO_EVENTS. */
  eventIds: string[];
  /** The member's proposal waiting for review. */
  proposalId: string;
}
export const LARGE_EVENT_COUNT = 100_000;

const POT_VENUE = {
  venueName: 'La Fabrique des Quais',
  venueAddress: '12 quai de la Marine, 93450 L’Île-Saint-Denis',
  communeCode: '93039',
  latitude: 48.9376,
  longitude: 2.3386,
};

interface DemoEvent {
  n: number;
  title: string;
  description: string;
  kind: 'ATELIER' | 'FORMATION' | 'DEBAT' | 'MISSION';
  /** Days from the first seeding, Paris time `HH:MM`, minutes. */
  inDays: number;
  time: string;
  minutes: number;
  venueName: string;
  venueAddress: string;
  communeCode: string;
  latitude: number;
  longitude: number;
  capacity: number | null;
  themes: string[];
  /** Index in memberIds of the organizer; -1 for the staff. */
  organizer: number;
  /** Indexes in memberIds of the registered members. */
  registered: number[];
  /** The DEMO_SKILLS (their n) an atelier or a formation develops. */
  skills?: number[];
}

const DEMO_EVENTS: DemoEvent[] = [
  {
    n: 1,
    title: 'Formation : comprendre la Métropole du Grand Paris',
    description:
      'Qui décide quoi entre la commune, l’EPT, la Métropole, le département et la région ? Deux heures pour s’y retrouver, avec des exemples concrets de nos quartiers.',
    kind: 'FORMATION',
    inDays: 9,
    time: '18:30',
    minutes: 120,
    venueName: 'Maison de la vie associative',
    venueAddress: '19 rue de la République, 93200 Saint-Denis',
    communeCode: '93066',
    latitude: 48.9362,
    longitude: 2.3574,
    capacity: 25,
    themes: ['DEMOCRATIE_LOCALE'],
    organizer: -1,
    registered: [0, 1, 3, 5, 9],
    skills: [3, 2],
  },
  {
    n: 2,
    title: 'Atelier : écrire une pétition locale qui porte',
    description:
      'On part de vos sujets (une rue dangereuse, une école à rénover) et on rédige ensemble une pétition claire, avec ses destinataires et son calendrier.',
    kind: 'ATELIER',
    inDays: 16,
    time: '19:00',
    minutes: 90,
    venueName: 'Café associatif La Pêche',
    venueAddress: '16 rue Pépin, 93100 Montreuil',
    communeCode: '93048',
    latitude: 48.8589,
    longitude: 2.4363,
    capacity: 15,
    themes: ['DEMOCRATIE_LOCALE', 'SOLIDARITE'],
    organizer: 2,
    registered: [2, 10, 11],
    skills: [6, 3],
  },
  {
    n: 3,
    title: 'Atelier budget participatif : monter son projet',
    description: 'Le dépôt des projets du budget participatif approche : venez avec votre idée, on l’affine, on chiffre, on prépare le dossier.',
    kind: 'ATELIER',
    inDays: 23,
    time: '18:00',
    minutes: 120,
    venueName: 'Maison des associations du 18e',
    venueAddress: '15 passage Ramey, 75018 Paris',
    communeCode: '75056',
    latitude: 48.8889,
    longitude: 2.3489,
    capacity: 20,
    themes: ['BUDGET_PARTICIPATIF', 'ENVIRONNEMENT'],
    organizer: 8,
    registered: [8, 0, 4],
    skills: [4, 2],
  },
  {
    n: 4,
    title: 'Métrokawa : la ligne 15 Sud, et après ?',
    description:
      'Débat public avec des habitants, des associations et des techniciens : ce que les nouvelles gares changent pour nos quartiers du Val-de-Marne.',
    kind: 'DEBAT',
    inDays: 30,
    time: '19:00',
    minutes: 120,
    venueName: 'Médiathèque Nelson-Mandela',
    venueAddress: '26 avenue Maximilien-Robespierre, 94400 Vitry-sur-Seine',
    communeCode: '94081',
    latitude: 48.7875,
    longitude: 2.3925,
    capacity: 80,
    themes: ['TRANSPORTS', 'URBANISME'],
    organizer: 4,
    registered: [4, 5, 6, 7],
  },
  {
    n: 5,
    title: 'Formation : participer à une enquête publique',
    description:
      'Lire un dossier d’enquête, rencontrer le commissaire enquêteur, déposer une observation utile : méthode et exercices sur un vrai dossier.',
    kind: 'FORMATION',
    inDays: 37,
    time: '14:00',
    minutes: 180,
    venueName: 'Maison des associations de Créteil',
    venueAddress: '1 rue François-Mauriac, 94000 Créteil',
    communeCode: '94028',
    latitude: 48.7904,
    longitude: 2.4556,
    capacity: 20,
    themes: ['URBANISME', 'DEMOCRATIE_LOCALE'],
    organizer: 5,
    registered: [5, 2, 11],
    skills: [5, 2],
  },
  {
    n: 6,
    title: 'Mission : nettoyage des berges de Seine',
    description: 'Une matinée pour ramasser les déchets le long des berges, avec le jardin partagé des Quais. Gants et sacs fournis.',
    kind: 'MISSION',
    inDays: 12,
    time: '09:30',
    minutes: 180,
    venueName: 'Parc départemental de L’Île-Saint-Denis',
    venueAddress: 'Quai de la Marine, 93450 L’Île-Saint-Denis',
    communeCode: '93039',
    latitude: 48.9421,
    longitude: 2.3399,
    capacity: null,
    themes: ['ENVIRONNEMENT'],
    organizer: 0,
    registered: [0, 1, 9],
  },
  {
    n: 7,
    title: 'Atelier numérique : créer le site de son association',
    description: 'Un site simple et gratuit pour votre collectif : nom de domaine, pages utiles, agenda. Apportez un ordinateur si vous pouvez.',
    kind: 'ATELIER',
    inDays: 44,
    time: '18:30',
    minutes: 120,
    venueName: 'Tiers-lieu La Fabrique numérique',
    venueAddress: '8 rue Saint-Denis, 92700 Colombes',
    communeCode: '92025',
    latitude: 48.9226,
    longitude: 2.2522,
    capacity: 12,
    themes: ['NUMERIQUE'],
    organizer: 7,
    registered: [7, 6],
    skills: [4],
  },
];

/**
 * Past events whose attendance is marked (issue #19): the network's figures (`networkStats`, /equipe/bilan), the
 * training paths and the attended events are not empty. Members by their index in memberIds (SEED_MEMBERS: Awa 0,
 * Karim 1, Sophie 2, Mamadou 3, Léa 4, Jean-Pierre 5, Fatou 6, Thomas 7, Inès 8, Youssef 9, Claire 10, Moussa 11,
 * Bruno 12): Inès, Youssef, Claire and Moussa first came within 4 weeks of joining. The newcomers (joined days ago)
 * have not come yet.
 */
interface PastEvent {
  n: number;
  title: string;
  description: string;
  kind: 'POT_DU_POTE' | 'ATELIER' | 'FORMATION';
  /** Days before the seed's now (Paris time `time`). */
  daysAgo: number;
  time: string;
  minutes: number;
  venue: { venueName: string; venueAddress: string; communeCode: string; latitude: number; longitude: number };
  skills?: number[];
  present: number[];
  absent: number[];
  excused: number[];
  /** Members who came without registering (walk-in registrations marked PRESENT). */
  walkIns: number[];
  /** Non-members counted at the door. */
  walkInCount: number;
}

const PAST_POT = {
  title: 'Le pot du pote',
  description: 'Le rendez-vous mensuel des Métropotes : on se retrouve, on accueille les nouveaux, on partage les nouvelles des quartiers.',
};

export const PAST_EVENTS: PastEvent[] = [
  {
    n: 60,
    ...PAST_POT,
    kind: 'POT_DU_POTE',
    daysAgo: 98,
    time: '19:00',
    minutes: 180,
    venue: POT_VENUE,
    present: [0, 1, 3, 8],
    absent: [4],
    excused: [5],
    walkIns: [9],
    walkInCount: 6,
  },
  {
    n: 61,
    title: 'Atelier : animer une réunion de quartier',
    description: 'Ordre du jour, tour de parole, relevé de décisions : on s’entraîne à animer une réunion qui avance.',
    kind: 'ATELIER',
    daysAgo: 70,
    time: '18:30',
    minutes: 120,
    venue: {
      venueName: 'Maison de la vie associative',
      venueAddress: '19 rue de la République, 93200 Saint-Denis',
      communeCode: '93066',
      latitude: 48.9362,
      longitude: 2.3574,
    },
    skills: [1, 2],
    present: [1, 2, 8, 10],
    absent: [6],
    excused: [7],
    walkIns: [],
    walkInCount: 2,
  },
  {
    n: 62,
    ...PAST_POT,
    kind: 'POT_DU_POTE',
    daysAgo: 42,
    time: '19:00',
    minutes: 180,
    venue: POT_VENUE,
    present: [0, 10, 11, 12],
    absent: [3],
    excused: [],
    walkIns: [7],
    walkInCount: 4,
  },
  {
    n: 63,
    title: 'Formation : interpeller ses élus',
    description: 'À qui écrire, quand poser une question en conseil, comment obtenir une réponse : méthode et mises en situation.',
    kind: 'FORMATION',
    daysAgo: 28,
    time: '18:30',
    minutes: 150,
    venue: {
      venueName: 'Maison des associations du 18e',
      venueAddress: '15 passage Ramey, 75018 Paris',
      communeCode: '75056',
      latitude: 48.8889,
      longitude: 2.3489,
    },
    skills: [3, 2],
    present: [4, 5, 8, 11],
    absent: [1],
    excused: [0],
    walkIns: [],
    walkInCount: 1,
  },
  {
    n: 64,
    ...PAST_POT,
    kind: 'POT_DU_POTE',
    daysAgo: 14,
    time: '19:00',
    minutes: 180,
    venue: POT_VENUE,
    present: [0, 1, 2, 4, 11],
    absent: [],
    excused: [6],
    walkIns: [],
    walkInCount: 3,
  },
];

/** Applies the events migrations, then the demo data set (idempotent), and the large one if asked. */
export async function seedEvents(url: string, people: EventsSeedPeople, options: EventsSeedOptions): Promise<EventsSeedResult> {
  const { dataSource } = createServiceDataSource({
    url,
    schema: 'events',
    entities,
    migrations,
    applicationName: 'metropotes-seed-events',
    statementTimeoutMs: 300_000,
  });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource, 'events');
    const now = seedClock(options).now();
    await seedDemoEvents(dataSource, people, options, now);
    if (options.scale === 'large') {
      await seedLargeEvents(dataSource, people, options, now);
      // After a bulk load, as autovacuum would do in time: fresh statistics and visibility map, so the
      // planner sees the real data and counts can use index-only scans.
      await dataSource.query('VACUUM ANALYZE events.events');
      await dataSource.query('VACUUM ANALYZE events.registrations');
    }
  } finally {
    await dataSource.destroy();
  }
  return { eventIds: DEMO_EVENTS.map((e) => eventId(e.n)), proposalId: eventId(50) };
}

/** A Paris wall-clock time `inDays` days after `from`. */
function parisAt(from: Date, inDays: number, time: string): Date {
  const day = parisWallClock(new Date(from.getTime() + inDays * 86_400_000));
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return fromParisWallClock({ year: day.year, month: day.month, day: day.day, hour, minute });
}

/** The demo data set, dated from `now` (the clock's); rows record `now` as their created_at and updated_at. */
async function seedDemoEvents(dataSource: DataSource, people: EventsSeedPeople, options: EventsSeedOptions, now: Date): Promise<void> {
  await dataSource.transaction(async (manager) => {
    // The pot du pote: first Thursday of each month, 19:00–22:00, at the association's place.
    const rule = 'FREQ=MONTHLY;BYDAY=1TH';
    await manager.query(
      `INSERT INTO events.event_series
         (id, title, description, kind, rrule, starts_on, start_time, duration_minutes, venue_name, venue_address,
          commune_code, latitude, longitude, capacity, themes, organizer_id, created_at, updated_at)
       VALUES ($1, $2, $3, 'POT_DU_POTE', $4, $5, '19:00', 180, $6, $7, $8, $9, $10, 60, $11, $12, $13, $13)
       ON CONFLICT (id) DO NOTHING`,
      [
        POT_DU_POTE_SERIES_ID,
        'Le pot du pote',
        'Le rendez-vous mensuel des Métropotes : on se retrouve, on accueille les nouveaux, on partage les nouvelles des quartiers et les projets du mois. Boissons et grignotages offerts, chacun peut apporter quelque chose.',
        rule,
        parisToday(now),
        POT_VENUE.venueName,
        POT_VENUE.venueAddress,
        POT_VENUE.communeCode,
        POT_VENUE.latitude,
        POT_VENUE.longitude,
        ['DEMOCRATIE_LOCALE', 'SOLIDARITE'],
        people.staffId,
        now,
      ],
    );
    const [series] = (await manager.query(
      `SELECT rrule, start_time, duration_minutes, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, title, description FROM events.event_series WHERE id = $1`,
      [POT_DU_POTE_SERIES_ID],
    )) as {
      rrule: string;
      start_time: string;
      duration_minutes: number;
      starts_on: string;
      title: string;
      description: string;
    }[];
    const occurrences = expandSeries(series!.rrule, series!.start_time, series!.duration_minutes, series!.starts_on, now).slice(0, 6);
    for (const o of occurrences) {
      await manager.query(
        `INSERT INTO events.events
           (title, description, kind, status, starts_at, ends_at, venue_name, venue_address, commune_code, latitude,
            longitude, capacity, themes, series_id, series_date, organizer_id, created_at, updated_at)
         VALUES ($1, $2, 'POT_DU_POTE', 'PUBLISHED', $3, $4, $5, $6, $7, $8, $9, 60, $10, $11, $12, $13, $14, $14)
         ON CONFLICT (series_id, series_date) DO NOTHING`,
        [
          series!.title,
          series!.description,
          o.startsAt,
          o.endsAt,
          POT_VENUE.venueName,
          POT_VENUE.venueAddress,
          POT_VENUE.communeCode,
          POT_VENUE.latitude,
          POT_VENUE.longitude,
          ['DEMOCRATIE_LOCALE', 'SOLIDARITE'],
          POT_DU_POTE_SERIES_ID,
          o.date,
          people.staffId,
          now,
        ],
      );
    }
    const registrations: [string, string][] = [];
    const [nextPot] = (await manager.query(
      `SELECT id FROM events.events WHERE series_id = $1 AND starts_at > $2::timestamptz ORDER BY starts_at LIMIT 1`,
      [POT_DU_POTE_SERIES_ID, now],
    )) as { id: string }[];
    if (nextPot) {
      for (const memberId of [...people.memberIds, ...people.newcomerIds.slice(0, 2)]) registrations.push([nextPot.id, memberId]);
    }

    // Published three weeks ago: reports, proposed changes and prospects refer to them since.
    const publishedAt = new Date(now.getTime() - 21 * 86_400_000);
    for (const skill of DEMO_SKILLS) {
      await manager.query(
        `INSERT INTO events.skills (id, name, description, archived_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT DO NOTHING`,
        [skillId(skill.n), skill.name, skill.description, skill.archived ? new Date(now.getTime() - 7 * 86_400_000) : null, publishedAt],
      );
    }
    for (const e of DEMO_EVENTS) {
      const startsAt = parisAt(now, e.inDays, e.time);
      const organizerId = e.organizer < 0 ? people.staffId : people.memberIds[e.organizer]!;
      await manager.query(
        `INSERT INTO events.events
           (id, title, description, kind, status, starts_at, ends_at, venue_name, venue_address, commune_code,
            latitude, longitude, capacity, themes, organizer_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'PUBLISHED', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
         ON CONFLICT (id) DO NOTHING`,
        [
          eventId(e.n),
          e.title,
          e.description,
          e.kind,
          startsAt,
          new Date(startsAt.getTime() + e.minutes * 60_000),
          e.venueName,
          e.venueAddress,
          e.communeCode,
          e.latitude,
          e.longitude,
          e.capacity,
          e.themes,
          organizerId,
          publishedAt,
        ],
      );
      // Also on a data set seeded before skills existed.
      if (e.skills) {
        await manager.query(`UPDATE events.events SET skill_ids = $2::uuid[] WHERE id = $1 AND skill_ids = '{}'`, [
          eventId(e.n),
          e.skills.map(skillId),
        ]);
      }
      for (const i of e.registered) if (people.memberIds[i]) registrations.push([eventId(e.n), people.memberIds[i]!]);
    }
    // A proposal waiting for the staff's review.
    await manager.query(
      `INSERT INTO events.events
         (id, title, description, kind, status, starts_at, ends_at, venue_name, venue_address, commune_code, capacity, themes, organizer_id,
          created_at, updated_at, skill_ids)
       VALUES ($1, 'Atelier : cartographier les îlots de chaleur de Bobigny', 'Repérer ensemble les rues et les cours d’école où il fait trop chaud l’été, pour porter des propositions à Est Ensemble.',
               'ATELIER', 'PENDING_REVIEW', $2, $3, 'Centre social Karl-Marx', '8 rue Karl-Marx, 93000 Bobigny', '93008', 20, $4, $5, $6, $6, $7::uuid[])
       ON CONFLICT (id) DO NOTHING`,
      [
        eventId(50),
        parisAt(now, 51, '18:00'),
        parisAt(now, 51, '20:00'),
        ['ENVIRONNEMENT', 'URBANISME'],
        people.memberIds[11] ?? people.staffId,
        now,
        [skillId(1)],
      ],
    );

    // A change Sophie Martin proposed to her published atelier (later start, a word on accessibility), waiting for
    // the staff's review, as the revisions module records it: the reviewed fields as they would be, which changed.
    const petition = DEMO_EVENTS.find((e) => e.n === 2)!;
    const proposedStart = parisAt(now, petition.inDays, '19:30');
    await manager.query(
      `INSERT INTO events.event_revisions
         (id, event_id, author_id, changed_fields, title, description, starts_at, ends_at, venue_name, venue_address, commune_code,
          latitude, longitude, online_url, created_at, updated_at)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, $14, $14)
       ON CONFLICT DO NOTHING`,
      [
        revisionId(1),
        eventId(2),
        people.memberIds[petition.organizer] ?? people.staffId,
        ['DESCRIPTION', 'STARTS_AT', 'ENDS_AT'],
        petition.title,
        `${petition.description} Le café est de plain-pied et accessible en fauteuil ; on commence à 19 h 30 pour laisser le temps d’arriver après le travail.`,
        proposedStart,
        new Date(proposedStart.getTime() + petition.minutes * 60_000),
        petition.venueName,
        petition.venueAddress,
        petition.communeCode,
        petition.latitude,
        petition.longitude,
        new Date(now.getTime() - 2 * 86_400_000),
      ],
    );

    // Past events with their attendance marked (PAST_EVENTS).
    const marks: [string, string, string, boolean][] = [];
    for (const e of PAST_EVENTS) {
      const startsAt = parisAt(now, -e.daysAgo, e.time);
      await manager.query(
        `INSERT INTO events.events
           (id, title, description, kind, status, starts_at, ends_at, venue_name, venue_address, commune_code,
            latitude, longitude, capacity, themes, organizer_id, skill_ids, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'PUBLISHED', $5, $6, $7, $8, $9, $10, $11, NULL, $12, $13, $14::uuid[], $15, $15)
         ON CONFLICT (id) DO NOTHING`,
        [
          eventId(e.n),
          e.title,
          e.description,
          e.kind,
          startsAt,
          new Date(startsAt.getTime() + e.minutes * 60_000),
          e.venue.venueName,
          e.venue.venueAddress,
          e.venue.communeCode,
          e.venue.latitude,
          e.venue.longitude,
          ['DEMOCRATIE_LOCALE'],
          people.staffId,
          (e.skills ?? []).map(skillId),
          new Date(startsAt.getTime() - 30 * 86_400_000),
        ],
      );
      const mark = (indexes: number[], attendance: string, walkIn = false) => {
        for (const i of indexes) if (people.memberIds[i]) marks.push([eventId(e.n), people.memberIds[i]!, attendance, walkIn]);
      };
      mark(e.present, 'PRESENT');
      mark(e.absent, 'ABSENT');
      mark(e.excused, 'EXCUSED');
      mark(e.walkIns, 'PRESENT', true);
      await manager.query(`INSERT INTO events.event_attendance (event_id, walk_in_count) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING`, [
        eventId(e.n),
        e.walkInCount,
      ]);
    }
    for (const [event, member, attendance, walkIn] of marks) {
      await manager.query(
        `INSERT INTO events.registrations (event_id, member_id, status, attendance, walk_in, created_at, updated_at)
         SELECT $1, $2, 'CONFIRMED', $3, $4, e.starts_at - CASE WHEN $4 THEN interval '0' ELSE interval '7 days' END, e.ends_at
           FROM events.events e WHERE e.id = $1
         ON CONFLICT (event_id, member_id) DO NOTHING`,
        [event, member, attendance, walkIn],
      );
    }
    // Members learn the attendees' first participation as they would in real life: the workers recompute it
    // ('attendance.changed', relayed from this outbox once events runs), so /equipe/accueil's « Pas encore venu·es »
    // agrees with the marks above.
    const attendees = [...new Set(marks.filter(([, , attendance]) => attendance === 'PRESENT').map(([, member]) => member))];
    if (attendees.length)
      await addToOutbox(
        manager,
        'events',
        'attendance.changed',
        { eventId: eventId(PAST_EVENTS[0]!.n), memberIds: attendees },
        'attendance-changed-seed',
      );

    for (const [event, member] of registrations) {
      await manager.query(
        `INSERT INTO events.registrations (event_id, member_id, status, created_at, updated_at) VALUES ($1, $2, 'CONFIRMED', $3, $3)
         ON CONFLICT (event_id, member_id) DO NOTHING`,
        [event, member, now],
      );
    }
    // The counters every registration change keeps up to date, recomputed for the seeded events.
    await manager.query(
      `UPDATE events.events e SET confirmed_count = c.confirmed
         FROM (SELECT e2.id, count(r.id) FILTER (WHERE r.status = 'CONFIRMED')::int AS confirmed
                 FROM events.events e2 LEFT JOIN events.registrations r ON r.event_id = e2.id
                WHERE e2.series_id = $1 OR e2.id = ANY($2::uuid[]) GROUP BY e2.id) c
        WHERE e.id = c.id AND e.confirmed_count <> c.confirmed`,
      [POT_DU_POTE_SERIES_ID, [...DEMO_EVENTS, ...PAST_EVENTS].map((e) => eventId(e.n))],
    );
  });
  options.log?.(
    `events: pot du pote series (${6} next occurrences), ${DEMO_EVENTS.length + 1} ateliers/formations/débats, registrations, a proposed change, ${DEMO_SKILLS.length} skills, ${PAST_EVENTS.length} past events with attendance`,
  );
}

/** 100,000 generated events over three years from a year before `now` (the clock's), in one INSERT … SELECT generate_series (stable md5 ids). */
async function seedLargeEvents(dataSource: DataSource, people: EventsSeedPeople, options: EventsSeedOptions, now: Date): Promise<void> {
  // Elapsed time for the log line: real time, not the clock.
  const started = Date.now();
  const memberCount = Math.max(people.largeMemberCount, 1);
  const communes = [
    '93039',
    '93066',
    '93001',
    '93048',
    '93008',
    '94081',
    '94028',
    '92050',
    '92025',
    '75056',
    '95018',
    '93070',
    '94080',
    '92004',
    '93027',
  ];
  await dataSource.query(
    `INSERT INTO events.events
       (id, title, description, kind, status, starts_at, ends_at, venue_name, venue_address, commune_code, capacity, themes, organizer_id,
        created_at, updated_at)
     SELECT md5('metropotes-seed-event-' || n)::uuid,
            k.labels[1 + n % 5] || ' n° ' || n,
            'Événement généré pour les essais de charge (n° ' || n || ').',
            k.kinds[1 + n % 5],
            CASE WHEN n % 20 = 0 THEN 'DRAFT' WHEN n % 33 = 0 THEN 'CANCELLED' ELSE 'PUBLISHED' END,
            date_trunc('hour', $3::timestamptz) - interval '365 days' + make_interval(mins => (n * 17) % (3 * 365 * 24 * 60)),
            date_trunc('hour', $3::timestamptz) - interval '365 days' + make_interval(mins => (n * 17) % (3 * 365 * 24 * 60) + 120),
            'Salle municipale', 'Adresse de démonstration',
            c.codes[1 + n % cardinality(c.codes)],
            CASE WHEN n % 3 = 0 THEN NULL ELSE 20 + n % 80 END,
            ARRAY[t.themes[1 + n % cardinality(t.themes)]],
            CASE WHEN ${people.largeMemberCount} > 0 THEN md5('metropotes-seed-member-' || (1 + n % ${memberCount}))::uuid ELSE $2::uuid END,
            $3::timestamptz, $3::timestamptz
       FROM generate_series(1, ${LARGE_EVENT_COUNT}) AS n
       CROSS JOIN (SELECT ARRAY['ATELIER','FORMATION','DEBAT','MISSION','AUTRE'] AS kinds,
                          ARRAY['Atelier de quartier','Formation citoyenne','Débat public','Mission solidaire','Rencontre'] AS labels) k
       CROSS JOIN (SELECT $1::text[] AS codes) c
       CROSS JOIN (SELECT ARRAY['LOGEMENT','TRANSPORTS','ENVIRONNEMENT','EDUCATION','CULTURE','URBANISME','DEMOCRATIE_LOCALE','SOLIDARITE'] AS themes) t
     ON CONFLICT (id) DO NOTHING`,
    [communes, people.staffId, now],
  );
  await dataSource.query(`ANALYZE events.events`);
  const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM events.events`)) as { count: number }[];
  options.log?.(`events: large data set ready (${count} events in all) in ${Date.now() - started} ms`);
}
