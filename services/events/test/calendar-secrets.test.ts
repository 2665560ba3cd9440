/**
 * Security review, item 1: a member's calendar feed secret is stored hashed (never in clear in events' tables); the
 * member still sees their URL (derived from their id and a version a reset bumps), it works, a reset changes it and
 * the old one stops working. A migration moved the secrets stored in clear before to hashes: those URLs keep working
 * until the member resets their feed.
 */
import { runMigrations } from '@metropotes/database';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createHash, randomBytes } from 'node:crypto';
import { createEvent } from './helpers';

const FEED = '{ me { calendarFeedUrl } }';
const RESET = 'mutation { resetMyCalendarFeed { id calendarFeedUrl } }';

describe('calendar feed secrets', () => {
  let system: TestSystem;
  let staff: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const feedUrl = async (member: TestMember) => {
    const response = await system.gql<{ me: { calendarFeedUrl: string } }>(FEED, {}, member.token);
    expect(response.errors).toBeUndefined();
    return response.data!.me.calendarFeedUrl;
  };
  /** The feed through the gateway, as a calendar application reads it. */
  const fetchFeed = (url: string) => fetch(`${system.origin}${new URL(url).pathname}`);
  const secretOf = (url: string) => /\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(url)![1]!;

  /** Every table of the events schema whose rows hold `text` somewhere, in any column. */
  async function tablesHolding(text: string): Promise<string[]> {
    const { rows: tables } = await system.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'events' AND table_type = 'BASE TABLE'`,
    );
    const found: string[] = [];
    for (const { name } of tables) {
      const { rows } = await system.db.query(`SELECT * FROM events."${name}"`);
      if (rows.some((row) => JSON.stringify(row).includes(text))) found.push(name);
    }
    return found;
  }

  it('keeps the secret out of events tables in clear; the URL works, stays, and a reset replaces it', async () => {
    const member = await system.signUp();
    const event = await createEvent(system, staff.token, { title: 'Atelier compost' });
    await system.gql(`mutation R($id: ID!) { registerForEvent(eventId: $id) { status } }`, { id: event.id }, member.token);

    const url = await feedUrl(member);
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
    const secret = secretOf(url);
    expect(await tablesHolding(secret)).toEqual([]);
    // Stored as its SHA-256 only.
    const { rows } = await system.db.query(`SELECT * FROM events.calendar_feeds WHERE member_id = $1`, [member.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).toContain(createHash('sha256').update(secret).digest('hex'));

    const feed = await fetchFeed(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain(`UID:${event.id}@metropotes`);
    expect(await feedUrl(member)).toBe(url);

    const reset = await system.gql<{ resetMyCalendarFeed: { id: string; calendarFeedUrl: string } }>(RESET, {}, member.token);
    expect(reset.errors).toBeUndefined();
    const renewed = reset.data!.resetMyCalendarFeed.calendarFeedUrl;
    expect(renewed).not.toBe(url);
    expect(await feedUrl(member)).toBe(renewed);
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await fetchFeed(renewed)).status).toBe(200);
    expect(await tablesHolding(secretOf(renewed))).toEqual([]);
  });

  it('the migration moves a secret stored in clear to its hash: that URL keeps working until a reset', async () => {
    const member = await system.signUp();
    const event = await createEvent(system, staff.token, { title: 'Formation conseil citoyen' });
    await system.gql(`mutation R($id: ID!) { registerForEvent(eventId: $id) { status } }`, { id: event.id }, member.token);
    const dataSource = system.subgraphs.events.deps.dataSource;
    // Back to the schema before the migration (and any later one), with a secret in clear as it was stored then.
    const applied = async () => (await system.db.query<{ name: string }>(`SELECT name FROM events.migrations`)).rows.map((r) => r.name);
    while ((await applied()).includes('CalendarFeedHashes1765050000000')) await dataSource.undoLastMigration({ transaction: 'each' });
    const { rows: columns } = await system.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'events' AND table_name = 'calendar_feeds'`,
    );
    expect(columns.map((c) => c.column_name)).toContain('token');
    const legacy = randomBytes(24).toString('base64url');
    await system.db.query(`DELETE FROM events.calendar_feeds WHERE member_id = $1`, [member.id]);
    await system.db.query(`INSERT INTO events.calendar_feeds (member_id, token) VALUES ($1, $2)`, [member.id, legacy]);
    await runMigrations(dataSource, 'events');

    expect(await tablesHolding(legacy)).toEqual([]);
    const legacyUrl = `${system.origin}/calendar/${legacy}.ics`;
    const old = await fetchFeed(legacyUrl);
    expect(old.status).toBe(200);
    expect(await old.text()).toContain(`UID:${event.id}@metropotes`);
    // The member is shown their derived URL, which works too.
    const url = await feedUrl(member);
    expect(url).not.toBe(legacyUrl);
    expect((await fetchFeed(url)).status).toBe(200);
    // A reset ends both.
    await system.gql(RESET, {}, member.token);
    expect((await fetchFeed(legacyUrl)).status).toBe(404);
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await fetchFeed(await feedUrl(member))).status).toBe(200);
  });
});
