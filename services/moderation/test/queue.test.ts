import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';

interface Seed {
  targetType?: string;
  status?: 'OPEN' | 'RESOLVED';
  reports: number;
  reason?: string;
  hoursAgo: number;
  withDecision?: boolean;
}

const QUEUE = `query Q($filter: ModerationQueueFilter, $first: Int, $after: String) {
  moderationQueue(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id targetType targetId status reportCount openedAt resolvedAt
      assignee { id }
      target { __typename ... on Member { id } ... on Event { id } }
      reports { id reason reporter { id } }
      decisions { action reason moderator { id } appliedAt }
    } }
  }
}`;

interface QueueAnswer {
  moderationQueue: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; reportCount: number; status: string; reports: unknown[]; decisions: unknown[] } }[];
  };
}

describe('the moderation queue', () => {
  let system: TestSystem;
  let staff: TestMember;

  /** Seeds a case of the moderation service's own tables, with its reports (and a decision when asked). */
  async function seedCase(seed: Seed): Promise<string> {
    const status = seed.status ?? 'OPEN';
    const { rows } = await system.db.query<{ id: string }>(
      `INSERT INTO moderation.cases (target_type, target_id, status, report_count, assignee_id, opened_at, resolved_at)
       VALUES ($1, $2, $3, $4, $5, date_trunc('milliseconds', $7::timestamptz) - make_interval(hours => $6), CASE WHEN $3 = 'RESOLVED' THEN $7::timestamptz END)
       RETURNING id`,
      [seed.targetType ?? 'EVENT', randomUUID(), status, seed.reports, staff.id, seed.hoursAgo, system.clock.now()],
    );
    const caseId = rows[0]!.id;
    for (let i = 0; i < seed.reports; i += 1) {
      await system.db.query(
        `INSERT INTO moderation.reports (reporter_id, case_id, target_type, target_id, reason)
         SELECT $1, c.id, c.target_type, c.target_id, $3 FROM moderation.cases c WHERE c.id = $2`,
        [randomUUID(), caseId, seed.reason ?? 'SPAM'],
      );
    }
    if (seed.withDecision) {
      await system.db.query(
        `INSERT INTO moderation.decisions (case_id, target_type, target_id, action, reason, moderator_id, requires_application)
         SELECT c.id, c.target_type, c.target_id, 'HIDE', 'Contenu trompeur', $2, true FROM moderation.cases c WHERE c.id = $1`,
        [caseId, staff.id],
      );
    }
    return caseId;
  }

  const queue = (variables: Record<string, unknown> = {}) => system.gql<QueueAnswer>(QUEUE, variables, staff.token);
  const ids = (answer: { data?: QueueAnswer | null }) => answer.data!.moderationQueue.edges.map((e) => e.node.id);

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('lists open cases first, then the most reported, then the oldest, page by page', async () => {
    const oldSingle = await seedCase({ reports: 1, hoursAgo: 72 });
    const recentFive = await seedCase({ reports: 5, hoursAgo: 24, reason: 'HATE' });
    const resolvedNine = await seedCase({ reports: 9, hoursAgo: 120, status: 'RESOLVED' });
    const olderFive = await seedCase({ reports: 5, hoursAgo: 48, targetType: 'MEMBER' });
    const newSingle = await seedCase({ reports: 1, hoursAgo: 1 });
    const expected = [olderFive, recentFive, oldSingle, newSingle, resolvedNine];

    const all = await queue();
    expect(all.errors).toBeUndefined();
    expect(ids(all)).toEqual(expected);
    expect(all.data!.moderationQueue.totalCount).toBe(5);
    expect(all.data!.moderationQueue.edges.map((e) => e.node.reportCount)).toEqual([5, 5, 1, 1, 9]);
    expect(all.data!.moderationQueue.edges[0]!.node.reports).toHaveLength(5);

    const pages: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: QueueAnswer | null } = await queue({ first: 2, after });
      pages.push(...ids(page));
      const info = page.data!.moderationQueue.pageInfo;
      if (!info.hasNextPage) break;
      after = info.endCursor;
    }
    expect(pages).toEqual(expected);

    expect(ids(await queue({ filter: { status: 'RESOLVED' } }))).toEqual([resolvedNine]);
    expect(ids(await queue({ filter: { targetType: 'MEMBER' } }))).toEqual([olderFive]);
    const hate = await queue({ filter: { reason: 'HATE' } });
    expect(ids(hate)).toEqual([recentFive]);
    expect(hate.data!.moderationQueue.totalCount).toBe(1);

    // A light query: the gateway's cost limit counts this page's heavy selection 100 times over, before the subgraph.
    const tooMany = await system.gql(`query T($first: Int) { moderationQueue(first: $first) { totalCount } }`, { first: 101 }, staff.token);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await queue({ after: 'nimporte-quoi' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('lists the cases about one target (a member page of the console), and refuses an id that is none', async () => {
    const about = await seedCase({ reports: 2, hoursAgo: 10, targetType: 'MEMBER' });
    const resolvedAbout = await seedCase({ reports: 1, hoursAgo: 300, targetType: 'MEMBER', status: 'RESOLVED' });
    await seedCase({ reports: 3, hoursAgo: 5, targetType: 'MEMBER' });
    const { rows } = await system.db.query<{ target_id: string }>(`SELECT target_id FROM moderation.cases WHERE id = $1`, [about]);
    const targetId = rows[0]!.target_id;
    // Both cases about the same member (a second one, once the first was resolved).
    await system.db.query(`UPDATE moderation.cases SET target_id = $1 WHERE id = $2`, [targetId, resolvedAbout]);

    const answer = await queue({ filter: { targetId } });
    expect(answer.errors).toBeUndefined();
    expect(ids(answer)).toEqual([about, resolvedAbout]);
    expect(answer.data!.moderationQueue.totalCount).toBe(2);
    expect(ids(await queue({ filter: { targetId, status: 'OPEN' } }))).toEqual([about]);
    expect(ids(await queue({ filter: { targetId: randomUUID() } }))).toEqual([]);
    const bad = await queue({ filter: { targetId: 'pas-un-id' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetId' });
  });

  it('costs the moderation database the same number of statements for a page of 3 or of 20 cases', async () => {
    for (let i = 0; i < 20; i += 1) await seedCase({ reports: 2, hoursAgo: 200 + i, withDecision: true, targetType: i % 2 ? 'MEMBER' : 'EVENT' });
    const counter = system.subgraphs.moderation.deps.queries;

    counter.reset();
    const small = await queue({ first: 3 });
    const smallCount = counter.count;
    counter.reset();
    const large = await queue({ first: 20 });
    const largeCount = counter.count;

    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data!.moderationQueue.edges).toHaveLength(3);
    expect(large.data!.moderationQueue.edges).toHaveLength(20);
    // Every case of the large page came with its reports and decisions.
    const seeded = large.data!.moderationQueue.edges.filter((e) => e.node.decisions.length === 1);
    expect(seeded.length).toBeGreaterThan(10);
    expect(seeded.every((e) => e.node.reports.length === 2)).toBe(true);
    // The page, its total, the reports of its cases, their decisions.
    expect(largeCount).toBe(smallCount);
    expect(smallCount).toBeGreaterThanOrEqual(3);
    expect(largeCount).toBeLessThanOrEqual(4);
  });
});
