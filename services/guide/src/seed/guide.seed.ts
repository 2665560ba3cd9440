import 'reflect-metadata';
import { processClock, type Clock } from '@metropotes/config';
import { createServiceDataSource, runMigrations } from '@metropotes/database';
import { markdownToText } from '@metropotes/markdown';
import type { DataSource } from 'typeorm';
import { decodeEntities } from '../modules/shared/text';
import { normalizeUrl } from '../modules/watch/normalize-url';
import { entities, migrations } from '../server';
import {
  SEED_ACTORS,
  SEED_ARTICLES,
  SEED_ARTICLES_IN_REVIEW,
  SEED_PROPOSED_EDITS,
  SEED_PROSPECT_WATCH_ITEM_IDS,
  SEED_SOURCES,
  SEED_WATCH_ITEMS,
} from './guide.seed-data';

export * from './guide.seed-data';

/** Members the guide's seed references (federation ids from the members seed). */
export interface GuideSeedPeople {
  staffId: string;
  memberIds: string[];
}

export interface GuideSeedOptions {
  scale: 'demo' | 'large';
  log?: (line: string) => void;
  /**
   * "Now" for the data set (publication and selection times are relative to it). Default: the process's clock
   * (CLOCK_START when set, else the real time).
   */
  clock?: Clock;
}

export const LARGE_ARTICLE_COUNT = 10_000;

/** What the other seeds may reference (federation ids only). */
export interface GuideSeedResult {
  /** The watch items the members seed's prospects were spotted in. */
  watchItemIds: string[];
}

/** Applies the guide migrations, then the demo fiches, actors and veille (idempotent), and the large set if asked. */
export async function seedGuide(url: string, people: GuideSeedPeople, options: GuideSeedOptions): Promise<GuideSeedResult> {
  const { dataSource } = createServiceDataSource({
    url,
    schema: 'guide',
    entities,
    migrations,
    applicationName: 'metropotes-seed-guide',
    statementTimeoutMs: 300_000,
  });
  await dataSource.initialize();
  const clock = options.clock ?? processClock({ production: process.env.NODE_ENV === 'production', clockStart: process.env.CLOCK_START });
  try {
    await runMigrations(dataSource, 'guide');
    await seedDemoGuide(dataSource, people, options, clock.now());
    if (options.scale === 'large') {
      await seedLargeGuide(dataSource, people, options, clock.now());
      // After a bulk load, as autovacuum would do in time: fresh statistics and visibility map, so the
      // planner sees the real data and counts can use index-only scans.
      await dataSource.query('VACUUM ANALYZE guide.articles');
    }
  } finally {
    await dataSource.destroy();
  }
  return { watchItemIds: SEED_PROSPECT_WATCH_ITEM_IDS };
}

const DAY = 86_400_000;

/** The plain text the article service stores for search (same recipe as article.service.ts). */
const bodyTextOf = (body: string, steps: { title: string; text: string }[]) =>
  decodeEntities([markdownToText(body), ...steps.map((s) => `${s.title}. ${markdownToText(s.text)}`)].filter(Boolean).join(' '));

async function seedDemoGuide(dataSource: DataSource, people: GuideSeedPeople, options: GuideSeedOptions, now: Date): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const a of SEED_ACTORS) {
      await manager.query(
        `INSERT INTO guide.actors (id, kind, name, scale, commune_code, website, contact, description)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [a.id, a.kind, a.name, a.scale, a.communeCode, a.website, a.contact, a.description],
      );
    }
    for (const [i, a] of SEED_ARTICLES.entries()) {
      const authors = [people.staffId, ...(i % 3 === 0 && people.memberIds[i] ? [people.memberIds[i]!] : [])];
      await manager.query(
        `INSERT INTO guide.articles
           (slug, title, summary, body, body_text, scales, themes, steps, actor_ids, commune_codes, status, author_ids, published_at,
            created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::uuid[], $10, 'PUBLISHED', $11::uuid[], $12, $12, $12)
         ON CONFLICT (slug) DO NOTHING`,
        [
          a.slug,
          a.title,
          a.summary,
          a.body,
          bodyTextOf(a.body, a.steps),
          a.scales,
          a.themes,
          JSON.stringify(a.steps),
          a.actors.map((n) => SEED_ACTORS[n - 1]!.id),
          a.communeCodes,
          authors,
          now,
        ],
      );
    }
    // A fiche a member submitted, and a member's edit of a published one: both waiting for the staff's review.
    for (const a of SEED_ARTICLES_IN_REVIEW) {
      const authorId = people.memberIds[a.author] ?? people.staffId;
      await manager.query(
        `INSERT INTO guide.articles
           (slug, title, summary, body, body_text, scales, themes, steps, actor_ids, commune_codes, status, author_ids, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::uuid[], $10, 'IN_REVIEW', $11::uuid[], $12, $13)
         ON CONFLICT (slug) DO NOTHING`,
        [
          a.slug,
          a.title,
          a.summary,
          a.body,
          bodyTextOf(a.body, a.steps),
          a.scales,
          a.themes,
          JSON.stringify(a.steps),
          a.actors.map((n) => SEED_ACTORS[n - 1]!.id),
          a.communeCodes,
          [authorId],
          new Date(now.getTime() - a.createdDaysAgo * DAY),
          new Date(now.getTime() - a.submittedDaysAgo * DAY),
        ],
      );
    }
    for (const edit of SEED_PROPOSED_EDITS) {
      const published = SEED_ARTICLES.find((a) => a.slug === edit.slug)!;
      const c = edit.content(published);
      // On the fiche's current version (the guide's own table, looked up by its stable slug).
      await manager.query(
        `INSERT INTO guide.proposed_revisions
           (id, article_id, base_version, author_id, title, summary, body, body_text, scales, themes, steps, actor_ids, commune_codes,
            created_at, updated_at)
         SELECT $1, a.id, a.version, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::uuid[], $12, $13, $13
           FROM guide.articles a WHERE a.slug = $2 AND a.status = 'PUBLISHED'
         ON CONFLICT DO NOTHING`,
        [
          edit.id,
          edit.slug,
          people.memberIds[edit.author] ?? people.staffId,
          c.title,
          c.summary,
          c.body,
          bodyTextOf(c.body, c.steps),
          c.scales,
          c.themes,
          JSON.stringify(c.steps),
          c.actors.map((n) => SEED_ACTORS[n - 1]!.id),
          c.communeCodes,
          new Date(now.getTime() - edit.daysAgo * DAY),
        ],
      );
    }
    for (const s of SEED_SOURCES) {
      await manager.query(
        `INSERT INTO guide.watch_sources (id, name, feed_url, themes, commune_codes, last_fetched_at, last_error, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT DO NOTHING`,
        [
          s.id,
          s.name,
          s.feedUrl,
          s.themes,
          s.communeCodes,
          s.lastFetchedMinutesAgo === null ? null : new Date(now.getTime() - s.lastFetchedMinutesAgo * 60_000),
          s.lastError ?? null,
          new Date(now.getTime() - 60 * DAY),
        ],
      );
    }
    for (const item of SEED_WATCH_ITEMS) {
      const curated = item.status !== 'NEW';
      await manager.query(
        `INSERT INTO guide.watch_items
           (id, url, normalized_url, title, summary, source_id, published_at, commune_codes, themes, status, curated_by, curated_at, curation_note, submitted_by)
         VALUES (coalesce($15::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, date_trunc('milliseconds', $14::timestamptz) - make_interval(days => $6), $7, $8, $9, $10,
                 date_trunc('milliseconds', $11::timestamptz), $12, $13)
         ON CONFLICT DO NOTHING`,
        [
          item.url,
          normalizeUrl(item.url) ?? item.url,
          item.title,
          item.summary,
          item.source ? SEED_SOURCES[item.source - 1]!.id : null,
          item.daysAgo,
          item.communeCodes,
          item.themes,
          item.status,
          curated ? people.staffId : null,
          curated ? new Date(now.getTime() - (item.curatedDaysAgo ?? 0) * DAY) : null,
          item.note ?? null,
          item.source ? null : (people.memberIds[4] ?? null),
          now,
          item.id ?? null,
        ],
      );
    }
  });
  options.log?.(
    `guide: ${SEED_ARTICLES.length} fiches (and ${SEED_ARTICLES_IN_REVIEW.length} in review, ${SEED_PROPOSED_EDITS.length} proposed edit), ${SEED_ACTORS.length} actors, ${SEED_SOURCES.length} watch sources, ${SEED_WATCH_ITEMS.length} watch items`,
  );
}

/** 10,000 generated fiches in one INSERT … SELECT generate_series (stable slugs; the trigger fills the search vector). */
async function seedLargeGuide(dataSource: DataSource, people: GuideSeedPeople, options: GuideSeedOptions, now: Date): Promise<void> {
  const started = Date.now();
  await dataSource.query(
    `INSERT INTO guide.articles
       (slug, title, summary, body, body_text, scales, themes, steps, commune_codes, status, author_ids, published_at, created_at, updated_at)
     SELECT 'fiche-generee-' || n,
            w.verbs[1 + n % cardinality(w.verbs)] || ' ' || w.objects[1 + (n / 7) % cardinality(w.objects)] || ' (fiche n° ' || n || ')',
            'Fiche générée pour les essais de charge : comment ' || lower(w.verbs[1 + n % cardinality(w.verbs)]) || ' ' || w.objects[1 + (n / 7) % cardinality(w.objects)] || '.',
            'Cette fiche explique pas à pas la démarche, les acteurs à contacter et le calendrier.',
            'Cette fiche explique pas à pas la démarche, les acteurs à contacter et le calendrier. Étape 1. Se renseigner. Étape 2. Agir à plusieurs.',
            ARRAY[w.scales[1 + n % cardinality(w.scales)]],
            ARRAY[w.themes[1 + n % cardinality(w.themes)]],
            '[{"title":"Se renseigner","text":"Auprès de la mairie ou de l’EPT."},{"title":"Agir à plusieurs","text":"Avec ses voisins et les associations."}]'::jsonb,
            ARRAY[w.communes[1 + n % cardinality(w.communes)]],
            CASE WHEN n % 10 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END,
            ARRAY[$1::uuid],
            CASE WHEN n % 10 = 0 THEN NULL ELSE $2::timestamptz - make_interval(days => n % 900) END,
            $2::timestamptz,
            $2::timestamptz
       FROM generate_series(1, ${LARGE_ARTICLE_COUNT}) AS n
       CROSS JOIN (SELECT ARRAY['Comprendre','Saisir','Interpeller','Mobiliser','Financer','Organiser','Suivre'] AS verbs,
                          ARRAY['le conseil de quartier','la rénovation urbaine','le budget participatif','la concertation du PLUi','une association de locataires','les transports du territoire','la végétalisation des cours d’école','une pétition locale','le conseil citoyen','une enquête publique','la collecte des déchets'] AS objects,
                          ARRAY['QUARTIER','COMMUNE','TERRITOIRE','METROPOLE','DEPARTEMENT','REGION'] AS scales,
                          ARRAY['LOGEMENT','TRANSPORTS','ENVIRONNEMENT','EDUCATION','URBANISME','DEMOCRATIE_LOCALE','BUDGET_PARTICIPATIF','SOLIDARITE'] AS themes,
                          ARRAY['93039','93066','93001','93048','93008','94081','94028','92050','92025','75056'] AS communes) w
     ON CONFLICT (slug) DO NOTHING`,
    [people.staffId, now],
  );
  await dataSource.query(`ANALYZE guide.articles`);
  const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM guide.articles`)) as { count: number }[];
  options.log?.(`guide: large data set ready (${count} fiches in all) in ${Date.now() - started} ms`);
}
