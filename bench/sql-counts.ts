// SQL statements per operation as lists grow (10 → 100), with the QueryCounter of an in-process test system.
import { startTestSystem } from '@metropotes/test-kit';
import { fail, log } from './lib';

const SUBGRAPHS = ['members', 'events', 'guide', 'moderation'] as const;

export interface SqlRow {
  operation: string;
  subgraph: string;
  counts: number[];
}

export async function countStatements(): Promise<SqlRow[]> {
  const system = await startTestSystem();
  try {
    const staff = await system.signUp({ role: 'STAFF' });
    const rows: SqlRow[] = [];
    const operations: { operation: string; query: (n: number) => string; token?: string }[] = [
      {
        operation: 'agenda(first: N) with organizer and commune',
        query: (n) => `{ agenda(first: ${n}) { edges { node { title organizer { displayName } venue { commune { name territory { name } } } } } } }`,
      },
      {
        operation: 'guideArticles(first: N) with authors',
        query: (n) => `{ guideArticles(first: ${n}) { edges { node { title authors { displayName } } } } }`,
      },
      {
        operation: 'members(first: N) with organizedEvents and guideArticles (staff)',
        query: (n) =>
          `{ members(first: ${n}) { edges { node { displayName commune { name } organizedEvents { title } guideArticles { title } } } } }`,
        token: staff.token,
      },
    ];
    // 100 members, each organizing one event and writing one fiche.
    await system.db.query(
      `INSERT INTO members.members (id, email, display_name, search_name, commune_code, charter_accepted_at, profile_visibility, welcome_status)
       SELECT md5('sql-' || n)::uuid, 'sql-' || n || '@bench.metropotes.local', 'Membre ' || n, 'membre ' || n,
              (ARRAY['93039','93066','93048','75056'])[1 + n % 4], now(), 'PUBLIC', 'WELCOMED'
         FROM generate_series(1, 100) n`,
    );
    await system.db.query(
      `INSERT INTO events.events (title, kind, status, starts_at, ends_at, commune_code, venue_name, organizer_id)
       SELECT 'Atelier ' || n, 'ATELIER', 'PUBLISHED', now() + make_interval(days => n), now() + make_interval(days => n, hours => 2),
              (ARRAY['93039','93066','93048','75056'])[1 + n % 4], 'Salle ' || n, md5('sql-' || n)::uuid
         FROM generate_series(1, 100) n`,
    );
    await system.db.query(
      `INSERT INTO guide.articles (slug, title, status, published_at, author_ids)
       SELECT 'fiche-sql-' || n, 'Fiche ' || lpad(n::text, 3, '0'), 'PUBLISHED', now(), ARRAY[md5('sql-' || n)::uuid]
         FROM generate_series(1, 100) n`,
    );
    for (const op of operations) {
      const perSubgraph: Record<string, number[]> = {};
      for (const n of [10, 100]) {
        for (const s of SUBGRAPHS) system.subgraphs[s].deps.queries.reset();
        const answer = await system.gql(op.query(n), {}, op.token);
        if (answer.errors) fail(`${op.operation}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
        for (const s of SUBGRAPHS) (perSubgraph[s] ??= []).push(system.subgraphs[s].deps.queries.count);
      }
      for (const [subgraph, counts] of Object.entries(perSubgraph)) {
        if (counts.every((c) => c === 0)) continue;
        rows.push({ operation: op.operation, subgraph, counts });
        log(`  ${op.operation.padEnd(66)} ${subgraph.padEnd(10)} N=10: ${counts[0]}  N=100: ${counts[1]}`);
      }
    }
    return rows;
  } finally {
    // Dropping the database (WITH FORCE) ends any connection a subgraph's pool still holds; such a pool's idle
    // client then emits 57P01 (admin shutdown) with no listener: expected here, anything else is rethrown.
    const ignoreAdminShutdown = (error: Error & { code?: string }) => {
      if (error.code !== '57P01') throw error;
    };
    process.on('uncaughtException', ignoreAdminShutdown);
    try {
      await system.stop();
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('uncaughtException', ignoreAdminShutdown);
    }
  }
}
