// For the benchmarks only (bench/run.ts, on its own database, after the large data set): the audience and the
// content of one weekly digest. Not part of `npm run seed`.
//
// - Exactly `members` members receive the weekly digest: the first generated members of the large data set, with
//   followed communes (a third: their own commune, a third: their own and a neighbour), followed territories (a
//   quarter: one or two EPT) and one or two followed themes; every other member receives none.
// - `watchItems` SELECTED veille items published over the last six days, spread over communes and themes.
// - The generated fiches get a realistic modification date (their publication), and one in `fichesUpdatedEvery`
//   was updated during the last week. The events of the large data set (about 640 a week) are used as they are.
import { largeMemberIdSql } from '../../services/members/src/seed/members.seed-data';
import { TERRITORIES } from '@metropotes/territories';
import { Pool } from 'pg';

export interface DigestAudienceOptions {
  members?: number;
  watchItems?: number;
  fichesUpdatedEvery?: number;
}

export interface DigestAudience {
  members: number;
  watchItems: number;
  eventsInWeek: number;
  fichesPublished: number;
  fichesUpdatedInWeek: number;
}

const THEMES = [
  'LOGEMENT',
  'TRANSPORTS',
  'ENVIRONNEMENT',
  'EDUCATION',
  'CULTURE',
  'SANTE',
  'EMPLOI',
  'URBANISME',
  'DEMOCRATIE_LOCALE',
  'BUDGET_PARTICIPATIF',
  'SOLIDARITE',
  'SPORT',
];
const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

export async function seedDigestAudience(url: string, options: DigestAudienceOptions = {}): Promise<DigestAudience> {
  const members = options.members ?? 10_000;
  const watchItems = options.watchItems ?? 300;
  const every = options.fichesUpdatedEvery ?? 50;
  const territories = TERRITORIES.map((t) => t.code);
  const db = new Pool({ connectionString: url, max: 1 });
  try {
    await db.query(`UPDATE members.members SET digest_frequency = 'NONE' WHERE digest_frequency <> 'NONE'`);
    const updated = await db.query(
      `UPDATE members.members m
          SET digest_frequency = 'WEEKLY',
              followed_communes = CASE g.n % 3 WHEN 0 THEN ARRAY[m.commune_code]
                                               WHEN 1 THEN ARRAY[m.commune_code, c.codes[1 + g.n % cardinality(c.codes)]]
                                               ELSE '{}'::text[] END,
              followed_territories = CASE WHEN g.n % 4 = 0 THEN ARRAY[t.codes[1 + g.n % cardinality(t.codes)], t.codes[1 + (g.n / 4) % cardinality(t.codes)]]
                                          WHEN g.n % 4 = 1 THEN ARRAY[t.codes[1 + g.n % cardinality(t.codes)]]
                                          ELSE NULL END,
              followed_themes = CASE WHEN g.n % 2 = 0 THEN ARRAY[th.themes[1 + g.n % cardinality(th.themes)]]
                                     ELSE ARRAY[th.themes[1 + g.n % cardinality(th.themes)], th.themes[1 + (g.n / 5) % cardinality(th.themes)]] END
         FROM (SELECT n, ${largeMemberIdSql('n')} AS id FROM generate_series(1, $1::int) n) g,
              (SELECT array_agg(code ORDER BY code) AS codes FROM members.communes WHERE in_metropole) c,
              (SELECT $2::text[] AS codes) t,
              (SELECT ${sqlArray(THEMES)} AS themes) th
        WHERE m.id = g.id`,
      [members, territories],
    );
    if (updated.rowCount !== members)
      throw new Error(`digest audience: ${updated.rowCount} of ${members} members found (seed the large data set first)`);
    await db.query(
      `INSERT INTO guide.watch_items (url, normalized_url, title, summary, published_at, commune_codes, themes, status, curated_at)
       SELECT 'https://veille.bench.metropotes.local/initiative-' || n, 'veille.bench.metropotes.local/initiative-' || n,
              'Initiative repérée n° ' || n, 'Une initiative citoyenne repérée par la veille (essai de charge).',
              date_trunc('milliseconds', now()) - make_interval(mins => (n * 29) % (6 * 24 * 60)),
              ARRAY[c.codes[1 + n % cardinality(c.codes)]], ARRAY[th.themes[1 + n % cardinality(th.themes)]], 'SELECTED', now()
         FROM generate_series(1, $1::int) n,
              (SELECT array_agg(code ORDER BY code) AS codes FROM members.communes WHERE in_metropole) c,
              (SELECT ${sqlArray(THEMES)} AS themes) th
       ON CONFLICT (normalized_url) DO NOTHING`,
      [watchItems],
    );
    await db.query(
      `UPDATE guide.articles SET updated_at = CASE WHEN (substring(slug FROM 15))::int % $1 = 0
                                                   THEN now() - make_interval(mins => (substring(slug FROM 15))::int % (6 * 24 * 60))
                                                   ELSE coalesce(published_at, created_at) END
        WHERE slug LIKE 'fiche-generee-%'`,
      [every],
    );
    await db.query('ANALYZE members.members; ANALYZE guide.watch_items; ANALYZE guide.articles');
    const [{ events }] = (
      await db.query(
        `SELECT count(*)::int AS events FROM events.events
        WHERE status = 'PUBLISHED' AND moderation_state = 'VISIBLE' AND starts_at >= now() AND starts_at < now() + interval '7 days'`,
      )
    ).rows as { events: number }[];
    const [fiches] = (
      await db.query(
        `SELECT count(*)::int AS published, count(*) FILTER (WHERE updated_at >= now() - interval '7 days')::int AS updated
         FROM guide.articles WHERE status = 'PUBLISHED' AND moderation_state = 'VISIBLE'`,
      )
    ).rows as { published: number; updated: number }[];
    return { members, watchItems, eventsInWeek: events!, fichesPublished: fiches!.published, fichesUpdatedInWeek: fiches!.updated };
  } finally {
    await db.end();
  }
}
