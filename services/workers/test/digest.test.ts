import { createLogger } from '@metropotes/config';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { digestKey, previewDigest, runDigest } from '../src/digest/digest-run';
import { parsePeriod, periodsDueAt } from '../src/digest/period';
import { workersConfigFrom } from '../src/env';
import { createHandlers } from '../src/jobs/registry';
import { openWorkersRuntime, type WorkersRuntime } from '../src/runtime';
import { startWorkers, type RunningWorkers } from '../src/worker-host';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('periods of the veille digest', () => {
  it('names ISO weeks and months, and knows which digests are due on a Monday (Paris dates)', () => {
    expect(parsePeriod('2026-W48')).toEqual({ frequency: 'WEEKLY', key: '2026-W48', label: 'de la semaine du 23 novembre 2026' });
    expect(parsePeriod('2026-11')).toEqual({ frequency: 'MONTHLY', key: '2026-11', label: 'de novembre 2026' });
    expect(parsePeriod('2026-W54')).toBeNull();
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('semaine 48')).toBeNull();
    // Monday 23 November 2026, 08:00 in Paris: weekly only.
    expect(periodsDueAt(new Date('2026-11-23T07:00:00Z')).map((p) => p.key)).toEqual(['2026-W48']);
    // Monday 2 November 2026: the first Monday of the month, both.
    expect(periodsDueAt(new Date('2026-11-02T07:00:00Z')).map((p) => p.key)).toEqual(['2026-W45', '2026-11']);
    // 31 December 2026 late evening in Paris is still 2026-W53; 1 January 2024 is 2024-W01.
    expect(periodsDueAt(new Date('2026-12-31T22:30:00Z'))[0]!.key).toBe('2026-W53');
    expect(periodsDueAt(new Date('2024-01-01T07:00:00Z')).map((p) => p.key)).toEqual(['2024-W01', '2024-01']);
  });
});

describe('veille digests (gateway, Postgres, Redis, SMTP all real)', () => {
  let system: TestSystem;
  let sink: SmtpSink;
  let runtime: WorkersRuntime;
  let running: RunningWorkers;
  let staff: TestMember;
  let reader: TestMember;
  let monthly: TestMember;
  let elsewhere: TestMember;
  const logger = createLogger('workers-test', process.env.TEST_LOG_LEVEL ?? 'silent');

  async function gqlOk<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const res = await system.gql<T>(query, variables, token);
    if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  }
  const prefs = (member: TestMember, input: Record<string, unknown>) =>
    gqlOk(`mutation P($input: NotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) { id } }`, { input }, member.token);

  async function row(dedupeKey: string, settled = true) {
    const end = Date.now() + 15_000;
    for (;;) {
      const { rows } = await system.db.query('SELECT * FROM workers.emails WHERE dedupe_key = $1', [dedupeKey]);
      if (rows[0] && (!settled || rows[0].state !== 'pending')) return rows[0];
      if (Date.now() > end) throw new Error(`no settled e-mail ${dedupeKey}`);
      await sleep(50);
    }
  }

  beforeAll(async () => {
    system = await startTestSystem();
    sink = await startSmtpSink();
    const config = workersConfigFrom({ ...system.env, SMTP_URL: sink.url, PUBLIC_URL: 'https://metropotes.example.org', MAIL_RATE_PER_SECOND: '100', MAIL_RETRY_DELAY_MS: '100' });
    runtime = await openWorkersRuntime(config, logger);
    running = await startWorkers(config, createHandlers(runtime), logger);
    staff = await system.signUp({ role: 'STAFF' });
    reader = await system.signUp({ displayName: 'Fatou Lectrice', communeCode: '93039' });
    monthly = await system.signUp({ displayName: 'Paul Mensuel', communeCode: '93039' });
    elsewhere = await system.signUp({ displayName: 'Inès Ailleurs', communeCode: '92012' });
    // A neighbour who joined this week but shows their profile to the animation team only: never in a digest.
    const discreet = await system.signUp({ displayName: 'Léa Discrète', communeCode: '93039' });
    await gqlOk(`mutation V($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`, { input: { profileVisibility: 'STAFF' } }, discreet.token);
    await prefs(discreet, { digestFrequency: 'NONE' });
    await prefs(reader, { digestFrequency: 'WEEKLY', followedThemes: ['BUDGET_PARTICIPATIF'] });
    await prefs(monthly, { digestFrequency: 'MONTHLY' });
    await prefs(elsewhere, { digestFrequency: 'WEEKLY' });
    await prefs(staff, { digestFrequency: 'NONE' });

    // Content: an event in L'Île-Saint-Denis, a selected watch item naming it, a published fiche on the member's theme.
    const start = new Date(Date.now() + 3 * 24 * HOUR);
    start.setUTCSeconds(0, 0);
    await gqlOk(
      `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      { input: { title: 'Pot du pote de Noël', kind: 'POT_DU_POTE', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(), venue: { name: 'Café associatif', communeCode: '93039' } } },
      staff.token,
    );
    const item = await gqlOk<{ submitWatchItem: { id: string } }>(
      `mutation W($input: SubmitWatchItemInput!) { submitWatchItem(input: $input) { id } }`,
      { input: { url: 'https://initiatives.example.org/jardin-ile-saint-denis', title: "Un jardin partagé à L'Île-Saint-Denis", summary: 'Les habitant·es cultivent ensemble.' } },
      reader.token,
    );
    await gqlOk(`mutation S($id: ID!) { curateWatchItem(id: $id, status: SELECTED) { id } }`, { id: item.submitWatchItem.id }, staff.token);
    await gqlOk(`mutation D($input: SubmitWatchItemInput!) { submitWatchItem(input: $input) { id } }`, { input: { url: 'https://initiatives.example.org/non-retenu', title: 'Une initiative non retenue' } }, reader.token);
    const fiche = await gqlOk<{ createGuideArticle: { id: string } }>(
      `mutation A($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id } }`,
      { input: { title: 'Proposer un projet au budget participatif', summary: 'Pas à pas.', body: 'Texte.', themes: ['BUDGET_PARTICIPATIF'], scales: ['COMMUNE'] } },
      staff.token,
    );
    await gqlOk(`mutation P($id: ID!) { publishGuideArticle(id: $id) { id status } }`, { id: fiche.createGuideArticle.id }, staff.token);
  });

  afterAll(async () => {
    await running?.stop();
    await runtime?.close();
    await sink?.stop();
    await system?.stop();
  });

  it('writes one digest per member and period with only their sections, List-Unsubscribe headers, never twice; empty ones suppressed', async () => {
    const period = parsePeriod('2026-W48')!;
    const first = await runDigest(runtime, period, new Date());
    expect(first).toEqual({ members: 2, created: 1, empty: 1 });

    const sent = await row(digestKey(reader.id, period));
    expect(sent).toMatchObject({ state: 'sent', template: 'digest', to_address: reader.email });
    const [message] = sink.byEmailId(sent.id);
    expect(message!.subject).toBe('La veille de la semaine du 23 novembre 2026 – Les Métropotes');
    expect(message!.text).toContain('Bonjour Fatou Lectrice,');
    expect(message!.text).toContain("Un jardin partagé à L'Île-Saint-Denis");
    expect(message!.text).not.toContain('Une initiative non retenue');
    expect(message!.text).toContain('== Événements à venir près de chez vous ==');
    expect(message!.text).toContain('Pot du pote de Noël');
    expect(message!.text).toContain('Proposer un projet au budget participatif');
    // Neighbours who joined this week, to welcome: those whose profile members may see, not the reader themself.
    const welcome = String(message!.text).split('== Nouveaux Métropotes près de chez vous ==')[1] ?? '';
    expect(welcome).not.toBe('');
    expect(welcome).toContain('Paul Mensuel');
    expect(welcome).toContain(`https://metropotes.example.org/membres/${monthly.id}`);
    expect(welcome).toMatch(/a rejoint le réseau le \d{1,2} \p{L}+ \(L'Île-Saint-Denis\)/u);
    expect(message!.text).not.toContain('Léa Discrète');
    expect(welcome).not.toContain('Fatou Lectrice');
    const header = (name: string) => message!.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
    const unsubscribe = /^List-Unsubscribe: <(https:\/\/metropotes\.example\.org\/unsubscribe\/([^>]+))>$/i.exec(header('list-unsubscribe'));
    expect(unsubscribe).not.toBeNull();
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-id')).toContain('<veille.metropotes.fr>');

    // Nothing matches Boulogne-Billancourt: suppressed, nothing sent. The monthly reader is not in a weekly run.
    expect(await row(digestKey(elsewhere.id, period))).toMatchObject({ state: 'suppressed', last_error: 'empty digest', to_address: null });
    expect((await system.db.query("SELECT 1 FROM workers.emails WHERE member_id = $1 AND template = 'digest'", [monthly.id])).rows).toHaveLength(0);

    // Again (a retry, a Redis flush, the CLI): nothing new.
    expect(await createHandlers(runtime)['digest.run']({ period: '2026-W48' }, { jobId: 'x', attempt: 1, maxAttempts: 1, log: logger }).then(() => runDigest(runtime, period, new Date()))).toEqual({
      members: 2,
      created: 0,
      empty: 0,
    });
    await sleep(200);
    expect(sink.messages.filter((m) => m.headers.get('x-metropotes-template') === 'digest')).toHaveLength(1);

    // The unsubscribe link: GET shows a French page and changes nothing; a forged token is refused; POST unsubscribes at once.
    const url = `${system.origin}/unsubscribe/${unsubscribe![2]}`;
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Me désabonner');
    const frequency = async () => (await system.db.query('SELECT digest_frequency FROM members.members WHERE id = $1', [reader.id])).rows[0].digest_frequency;
    expect(await frequency()).toBe('WEEKLY');
    const forged = `${system.origin}/unsubscribe/${elsewhere.id}.${unsubscribe![2]!.split('.')[1]}`;
    expect((await fetch(forged, { method: 'POST' })).status).toBe(400);
    expect((await system.db.query('SELECT digest_frequency FROM members.members WHERE id = $1', [elsewhere.id])).rows[0].digest_frequency).toBe('WEEKLY');
    const done = await fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Vous êtes désabonné·e');
    expect(await frequency()).toBe('NONE');
    expect(await runDigest(runtime, parsePeriod('2026-W49')!, new Date())).toEqual({ members: 1, created: 0, empty: 1 });

    // The monthly digest reaches the monthly reader (events near them).
    expect(await runDigest(runtime, parsePeriod('2026-11')!, new Date())).toMatchObject({ members: 1, created: 1 });
    expect((await row(digestKey(monthly.id, parsePeriod('2026-11')!))).state).toBe('sent');

    // Staff preview: rendered, nothing written.
    const before = (await system.db.query('SELECT count(*)::int AS n FROM workers.emails')).rows[0].n;
    const preview = await previewDigest(runtime, monthly.id, parsePeriod('2026-12')!, new Date());
    expect(preview!.subject).toBe('La veille de décembre 2026 – Les Métropotes');
    expect(preview!.text).toContain('Pot du pote de Noël');
    expect(await previewDigest(runtime, reader.id, parsePeriod('2026-W50')!, new Date())).toBeNull();
    expect((await system.db.query('SELECT count(*)::int AS n FROM workers.emails')).rows[0].n).toBe(before);
  });

  it('members.systemDigestMembers is for the system only', async () => {
    const query = `query { systemDigestMembers(frequency: WEEKLY) { memberId email } }`;
    expect((await system.gql(query, {}, staff.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await system.gql(query, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const newcomers = `query { systemNewcomers(since: "2026-01-01T00:00:00Z") { memberId displayName } }`;
    expect((await system.gql(newcomers, {}, reader.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await system.gql(newcomers, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const events = `query { systemConfirmedRegistrations(startsFrom: "2026-01-01T00:00:00Z", startsBefore: "2027-01-01T00:00:00Z") { memberId } }`;
    expect((await system.gql(events, {}, staff.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
