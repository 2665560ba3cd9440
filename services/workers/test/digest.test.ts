import type { TestMember, TestSystem } from '@metropotes/test-kit';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Queue, type ConnectionOptions } from 'bullmq';
import IORedis from 'ioredis';
import { digestKey, runDigest } from '../src/digest/digest-run';
import { parsePeriod, periodsDueAt } from '../src/digest/period';
import { createHandlers } from '../src/jobs/registry';
import { reconcileRedis } from '../src/mail/reconcile-loop';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import { gqlData, sleep, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const HOUR = 3_600_000;
const REPO_ROOT = resolve(__dirname, '../../..');

/** The month of an instant in Paris, `2026-11` (not the digest code's own reckoning). */
const parisMonth = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(at);
/** The label of a month, « janvier 2027 ». */
const monthLabel = (key: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${key}-15T12:00:00Z`));

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
  let harness: WorkersHarness;
  let system: TestSystem;
  let sink: SmtpSink;
  let runtime: WorkersRuntime;
  let staff: TestMember;
  let reader: TestMember;
  let monthly: TestMember;
  let elsewhere: TestMember;
  /** The month of the run's clock when the suite starts: the monthly reader's digest of "this month". */
  let thisMonth: string;

  /** "Now" for the run (services and workers share the clock of the test system). */
  const now = () => system.clock.now();
  const gqlOk = <T>(query: string, variables: Record<string, unknown>, token?: string) => gqlData<T>(system, query, variables, token);
  const prefs = (member: TestMember, input: Record<string, unknown>) =>
    gqlOk(`mutation P($input: NotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) { id } }`, { input }, member.token);
  const select = (id: string) => gqlOk(`mutation S($id: ID!) { curateWatchItem(id: $id, status: SELECTED) { id } }`, { id }, staff.token);
  const submit = async (url: string, title: string, extra: Record<string, unknown> = {}) =>
    (
      await gqlOk<{ submitWatchItem: { id: string } }>(
        `mutation W($input: SubmitWatchItemInput!) { submitWatchItem(input: $input) { id } }`,
        { input: { url, title, ...extra } },
        reader.token,
      )
    ).submitWatchItem.id;
  const fiche = async (title: string, themes: string[], scales: string[]) => {
    const created = await gqlOk<{ createGuideArticle: { id: string } }>(
      `mutation A($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id } }`,
      { input: { title, summary: 'Pas à pas.', body: 'Texte.', themes, scales } },
      staff.token,
    );
    await gqlOk(`mutation P($id: ID!) { publishGuideArticle(id: $id) { id status } }`, { id: created.createGuideArticle.id }, staff.token);
  };
  const emailCount = async () => (await system.db.query('SELECT count(*)::int AS n FROM workers.emails')).rows[0].n as number;

  async function row(dedupeKey: string, settled = true) {
    return waitFor(
      `a settled e-mail ${dedupeKey}`,
      async () => {
        const { rows } = await system.db.query('SELECT * FROM workers.emails WHERE dedupe_key = $1', [dedupeKey]);
        return rows[0] && (!settled || rows[0].state !== 'pending') ? rows[0] : null;
      },
      15_000,
    );
  }
  const textOf = async (dedupeKey: string) => String(sink.byEmailId((await row(dedupeKey)).id)[0]?.text ?? '');

  beforeAll(async () => {
    // One subscriber a batch: every run fans out several digest.batch jobs. The previews wait 3 s for the workers.
    harness = await startWorkersHarness({ smtp: true, env: { DIGEST_BATCH_SIZE: '1' }, systemEnv: { DIGEST_PREVIEW_TIMEOUT_MS: '3000' } });
    ({ system, runtime } = harness);
    sink = harness.sink!;
    thisMonth = parisMonth(now());
    staff = await system.signUp({ role: 'STAFF' });
    reader = await system.signUp({ displayName: 'Fatou Lectrice', communeCode: '93039' });
    monthly = await system.signUp({ displayName: 'Paul Mensuel', communeCode: '93039' });
    elsewhere = await system.signUp({ displayName: 'Inès Ailleurs', communeCode: '92012' });
    // A neighbour who joined this week but shows their profile to the animation team only: never in a digest.
    const discreet = await system.signUp({ displayName: 'Léa Discrète', communeCode: '93039' });
    await gqlOk(
      `mutation V($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`,
      { input: { profileVisibility: 'STAFF' } },
      discreet.token,
    );
    await prefs(discreet, { digestFrequency: 'NONE' });
    // The reader follows a theme, and the guide at the scale of the commune only.
    await prefs(reader, { digestFrequency: 'WEEKLY', followedThemes: ['BUDGET_PARTICIPATIF'], followedScales: ['COMMUNE'] });
    await prefs(monthly, { digestFrequency: 'MONTHLY' });
    await prefs(elsewhere, { digestFrequency: 'WEEKLY' });
    await prefs(staff, { digestFrequency: 'NONE' });

    // Content: an event in L'Île-Saint-Denis, a selected watch item naming it, fiches on the reader's theme.
    const start = new Date(now().getTime() + 3 * 24 * HOUR);
    start.setUTCSeconds(0, 0);
    await gqlOk(
      `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Pot du pote de Noël',
          kind: 'POT_DU_POTE',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
          venue: { name: 'Café associatif', communeCode: '93039' },
        },
      },
      staff.token,
    );
    await select(
      await submit('https://initiatives.example.org/jardin-ile-saint-denis', "Un jardin partagé à L'Île-Saint-Denis", {
        summary: 'Les habitant·es cultivent ensemble.',
      }),
    );
    await submit('https://initiatives.example.org/non-retenu', 'Une initiative non retenue');
    // A feed entry published two years ago, selected by the staff today: it is news to the members now.
    const source = await gqlOk<{ addWatchSource: { id: string } }>(
      `mutation A($input: AddWatchSourceInput!) { addWatchSource(input: $input) { id } }`,
      { input: { name: 'Collectifs du 93', feedUrl: 'https://collectifs.example.org/feed.xml', themes: ['BUDGET_PARTICIPATIF'] } },
      staff.token,
    );
    const ingested = await runtime.gateway.call<{ ingestWatchItems: { created: { id: string }[] } }, Record<string, unknown>>(
      `mutation I($sourceId: ID!, $items: [IngestWatchItemInput!]!) { ingestWatchItems(sourceId: $sourceId, items: $items) { created { id } } }`,
      {
        sourceId: source.addWatchSource.id,
        items: [
          {
            url: 'https://collectifs.example.org/2024/budget',
            title: 'Un budget participatif raconté par ses habitants',
            publishedAt: '2024-11-02T10:00:00Z',
          },
        ],
      },
    );
    await select(ingested.ingestWatchItems.created[0]!.id);
    await fiche('Proposer un projet au budget participatif', ['BUDGET_PARTICIPATIF'], ['COMMUNE']);
    // Same theme, but at the scale of the région only: the reader follows the commune scale.
    await fiche('Le budget participatif de la Région', ['BUDGET_PARTICIPATIF'], ['REGION']);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('writes one digest per member and period with only their sections, List-Unsubscribe headers, never twice; empty ones suppressed', async () => {
    const period = parsePeriod('2026-W48')!;
    const first = await runDigest(runtime, period, now());
    expect(first).toEqual({ members: 2, created: 1, empty: 1 });

    const sent = await row(digestKey(reader.id, period));
    expect(sent).toMatchObject({ state: 'sent', template: 'digest', to_address: reader.email });
    const [message] = sink.byEmailId(sent.id);
    expect(message!.subject).toBe('La veille de la semaine du 23 novembre 2026 – Les Métropotes');
    expect(message!.text).toContain('Bonjour Fatou Lectrice,');
    expect(message!.text).toContain("Un jardin partagé à L'Île-Saint-Denis");
    expect(message!.text).not.toContain('Une initiative non retenue');
    // Selected this week, whenever its feed published it.
    expect(message!.text).toContain('Un budget participatif raconté par ses habitants');
    expect(message!.text).toContain('== Événements à venir pour vous ==');
    expect(message!.text).toContain('Pot du pote de Noël');
    // The fiches of the scales the reader follows, on their theme.
    expect(message!.text).toContain('Proposer un projet au budget participatif');
    expect(message!.text).not.toContain('Le budget participatif de la Région');
    // Neighbours who joined this week, to welcome: those whose profile members may see, not the reader themself.
    const welcome = String(message!.text).split('== Nouveaux Métropotes près de chez vous ==')[1] ?? '';
    expect(welcome).not.toBe('');
    expect(welcome).toContain('Paul Mensuel');
    expect(welcome).toContain(`https://metropotes.example.org/membres/${monthly.id}`);
    expect(welcome).toMatch(/a rejoint le réseau le \p{L}+ \d{1,2}(er)? \p{L}+( \d{4})? \(L'Île-Saint-Denis\)/u);
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
    await createHandlers(runtime)['digest.run']({ period: '2026-W48' }, { jobId: 'x', attempt: 1, maxAttempts: 1, log: harness.logger });
    expect(await runDigest(runtime, period, now())).toEqual({ members: 2, created: 0, empty: 0 });
    await sleep(300);
    expect(sink.messages.filter((m) => m.headers.get('x-metropotes-template') === 'digest')).toHaveLength(1);

    // The next digest tells what the staff selected since the last one, not again what it already told.
    await select(await submit('https://initiatives.example.org/repair-cafe', "Un repair café à L'Île-Saint-Denis"));
    expect(await runDigest(runtime, parsePeriod('2026-W49')!, now())).toMatchObject({ members: 2, created: 1 });
    const next = await textOf(digestKey(reader.id, parsePeriod('2026-W49')!));
    expect(next).toContain("Un repair café à L'Île-Saint-Denis");
    expect(next).not.toContain("Un jardin partagé à L'Île-Saint-Denis");
    expect(next).not.toContain('Un budget participatif raconté par ses habitants');
    expect(next).not.toContain('Proposer un projet au budget participatif');

    // The unsubscribe link: GET shows a French page and changes nothing; a forged token is refused; POST unsubscribes at once.
    const url = `${system.origin}/unsubscribe/${unsubscribe![2]}`;
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Me désabonner');
    const frequency = async () =>
      (await system.db.query('SELECT digest_frequency FROM members.members WHERE id = $1', [reader.id])).rows[0].digest_frequency;
    expect(await frequency()).toBe('WEEKLY');
    const forged = `${system.origin}/unsubscribe/${elsewhere.id}.${unsubscribe![2]!.split('.')[1]}`;
    expect((await fetch(forged, { method: 'POST' })).status).toBe(400);
    expect((await system.db.query('SELECT digest_frequency FROM members.members WHERE id = $1', [elsewhere.id])).rows[0].digest_frequency).toBe(
      'WEEKLY',
    );
    const done = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Vous êtes désabonné·e');
    expect(await frequency()).toBe('NONE');
    expect(await runDigest(runtime, parsePeriod('2026-W50')!, now())).toEqual({ members: 1, created: 0, empty: 1 });

    // This month's digest reaches the monthly reader (events near them).
    expect(await runDigest(runtime, parsePeriod(thisMonth)!, now())).toMatchObject({ members: 1, created: 1 });
    expect((await row(digestKey(monthly.id, parsePeriod(thisMonth)!))).state).toBe('sent');
  });

  it("the scheduled run fans out one job per batch of subscribers, each writing its members' digests", async () => {
    const weekly = await system.signUp({ displayName: 'Nadia Hebdo', communeCode: '93039' });
    await prefs(weekly, { digestFrequency: 'WEEKLY' });
    const subscribers = (await system.db.query("SELECT id FROM members.members WHERE digest_frequency = 'WEEKLY'")).rows.map((r) => r.id as string);
    expect(subscribers.sort()).toEqual([elsewhere.id, weekly.id].sort());

    await runtime.jobs.enqueue('digest.run', { period: '2026-W52' });
    const period = parsePeriod('2026-W52')!;
    expect((await row(digestKey(weekly.id, period))).state).toBe('sent');
    expect((await row(digestKey(elsewhere.id, period))).state).toBe('suppressed');

    // DIGEST_BATCH_SIZE=1: three batches (one member, one member, an empty page that ends the run), each its own job.
    const connection = new IORedis(system.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('system', { connection: connection as ConnectionOptions, prefix: harness.config.redis.prefix });
    try {
      const batches = await waitFor('the three batch jobs', async () => {
        const jobs = (await queue.getJobs(['completed'])).filter((j) => j.name === 'digest.batch' && j.data.period === '2026-W52');
        return jobs.length >= 3 ? jobs : null;
      });
      expect(batches.map((j) => j.data.after).sort()).toEqual([null, ...subscribers.sort()].sort());
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it("npm run jobs -- digest --period … (the CLI, its own process) writes the period's digests once; a bad period is refused in French", async () => {
    const env = { ...system.env, REDIS_URL: system.redisUrl, SMTP_URL: sink.url, PUBLIC_URL: 'https://metropotes.example.org', LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'services/workers/src/cli.ts', ...args], {
          cwd: REPO_ROOT,
          env: { ...process.env, ...env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'services/workers/tsconfig.json') },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const period = parsePeriod('2026-W47')!;
    const subscribers = (await system.db.query("SELECT id FROM members.members WHERE digest_frequency = 'WEEKLY'")).rows.map((r) => r.id as string);
    const first = await cli('digest', '--period', '2026-W47');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout.trim())).toMatchObject({ period: '2026-W47', members: subscribers.length });
    for (const id of subscribers) expect(['sent', 'suppressed']).toContain((await row(digestKey(id, period))).state);
    expect(JSON.parse((await cli('digest', '--period', '2026-W47')).stdout.trim())).toMatchObject({ created: 0, empty: 0 });
    const bad = await cli('digest', '--period', '2026-W54');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--period: "2026-W54" n'est pas une période (2026-W48 ou 2026-11).`);
  });

  it('a run whose next batch job is lost (Redis flushed mid-run) is taken up again by the reconcile, from its cursor in Postgres', async () => {
    const period = parsePeriod('2026-W51')!;
    const subscribers = (await system.db.query("SELECT id FROM members.members WHERE digest_frequency = 'WEEKLY' ORDER BY id")).rows.map(
      (r) => r.id as string,
    );
    expect(subscribers).toHaveLength(2);
    const handlers = createHandlers(runtime);
    const ctx = { jobId: 'test', attempt: 1, maxAttempts: 1, log: harness.logger };
    const connection = new IORedis(system.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('system', { connection: connection as ConnectionOptions, prefix: harness.config.redis.prefix });
    try {
      // The run starts and its first batch is done; the job of the second batch is then lost.
      // No worker takes a job of the system queue meanwhile (a queue-wide pause).
      await queue.pause();
      const at = now().toISOString();
      await handlers['digest.run']({ period: period.key, now: at }, ctx);
      const first = (await queue.getJobs(['waiting', 'paused'])).find((j) => j.name === 'digest.batch' && j.data.now === at)!;
      await first.remove();
      await handlers['digest.batch']({ period: period.key, now: at, after: null }, ctx);
      expect(
        (await system.db.query('SELECT next_after, batches, finished_at FROM workers.digest_runs WHERE period = $1', [period.key])).rows,
      ).toEqual([{ next_after: subscribers[0], batches: 1, finished_at: null }]);
      const second = (await queue.getJobs(['waiting', 'paused'])).find(
        (j) => j.name === 'digest.batch' && j.data.now === at && j.data.after === subscribers[0],
      )!;
      await second.remove();
      await queue.resume();
      await sleep(500);
      expect((await system.db.query('SELECT 1 FROM workers.emails WHERE dedupe_key = $1', [digestKey(subscribers[1]!, period)])).rows).toHaveLength(
        0,
      );

      await reconcileRedis(runtime);
      // Both digests settle (sent or suppressed) before the next test counts e-mails.
      for (const id of subscribers) expect(['sent', 'suppressed']).toContain((await row(digestKey(id, period))).state);
      const run = await waitFor('the run to finish', async () => {
        const { rows } = await system.db.query('SELECT batches, finished_at FROM workers.digest_runs WHERE period = $1', [period.key]);
        return rows[0]?.finished_at ? rows[0] : null;
      });
      expect(run.batches).toBe(3);
      // Each member once for the period, whatever was replayed.
      expect(
        (await system.db.query('SELECT count(*)::int AS n FROM workers.emails WHERE dedupe_key LIKE $1', [`digest:%:${period.key}`])).rows[0].n,
      ).toBe(2);
    } finally {
      await queue.resume();
      await queue.close();
      connection.disconnect();
    }
  });

  it('consecutive digests join up: what the staff selected between two first Mondays 35 days apart reaches the second one', async () => {
    const gaby = await system.signUp({ displayName: 'Gaby Mensuelle', communeCode: '93039' });
    await prefs(gaby, { digestFrequency: 'MONTHLY' });
    const firstMonday = new Date('2026-11-02T07:00:00Z');
    const nextFirstMonday = new Date('2026-12-07T07:00:00Z');
    await runDigest(runtime, parsePeriod('2026-11')!, firstMonday);
    const november = await row(digestKey(gaby.id, parsePeriod('2026-11')!));
    expect(new Date(november.covers_until).toISOString()).toBe(firstMonday.toISOString());
    // Selected on 4 November: after the November run, 33 days before the December one (more than a month).
    const fresco = await submit('https://initiatives.example.org/fresque', "Une fresque participative à L'Île-Saint-Denis");
    await select(fresco);
    await system.db.query(`UPDATE guide.watch_items SET curated_at = '2026-11-04T10:00:00Z' WHERE id = $1`, [fresco]);
    expect(await textOf(digestKey(gaby.id, parsePeriod('2026-11')!))).not.toContain('Une fresque participative');
    await runDigest(runtime, parsePeriod('2026-12')!, nextFirstMonday);
    expect(await textOf(digestKey(gaby.id, parsePeriod('2026-12')!))).toContain("Une fresque participative à L'Île-Saint-Denis");
    await waitFor(
      'every e-mail settled',
      async () => (await system.db.query(`SELECT 1 FROM workers.emails WHERE state = 'pending'`)).rows.length === 0,
    );
  });

  it('never both: on a first Monday, a member who changed frequency between the weekly and the monthly run gets one digest', async () => {
    const hugo = await system.signUp({ displayName: 'Hugo Indécis', communeCode: '93039' });
    await prefs(hugo, { digestFrequency: 'WEEKLY' });
    const firstMonday = new Date('2026-11-02T07:00:00Z');
    await runDigest(runtime, parsePeriod('2026-W45')!, firstMonday);
    expect(await row(digestKey(hugo.id, parsePeriod('2026-W45')!), false)).toBeTruthy();
    await prefs(hugo, { digestFrequency: 'MONTHLY' });
    await runDigest(runtime, parsePeriod('2026-11')!, firstMonday);
    expect(
      (await system.db.query('SELECT 1 FROM workers.emails WHERE dedupe_key = $1', [digestKey(hugo.id, parsePeriod('2026-11')!)])).rows,
    ).toHaveLength(0);
    // Another month, the monthly digest comes.
    await runDigest(runtime, parsePeriod('2026-12')!, new Date('2026-12-07T07:00:00Z'));
    expect(await row(digestKey(hugo.id, parsePeriod('2026-12')!), false)).toBeTruthy();
    await waitFor(
      'every e-mail settled',
      async () => (await system.db.query(`SELECT 1 FROM workers.emails WHERE state = 'pending'`)).rows.length === 0,
    );
  });

  it("staff preview a member's digest through the API: rendered HTML, nothing written or sent", async () => {
    const query = `query P($memberId: ID!, $period: String) {
      previewDigest(memberId: $memberId, period: $period) { member { id displayName } period periodLabel outcome since subject html text }
    }`;
    type Preview = {
      member: { id: string; displayName: string };
      period: string;
      periodLabel: string;
      outcome: string;
      since: string;
      subject: string | null;
      html: string | null;
      text: string | null;
    };
    const before = await emailCount();
    const sent = sink.messages.length;

    // The monthly reader, by default this month (the run's clock): its digest is written, so the stored letter comes back.
    const monthlyPreview = (await gqlOk<{ previewDigest: Preview }>(query, { memberId: monthly.id }, staff.token)).previewDigest;
    expect(parisMonth(now())).toBe(thisMonth);
    expect(monthlyPreview).toMatchObject({ member: { id: monthly.id, displayName: 'Paul Mensuel' }, period: thisMonth, outcome: 'ALREADY_SENT' });
    const written = await row(digestKey(monthly.id, parsePeriod(thisMonth)!));
    expect(monthlyPreview.subject).toBe(written.subject);
    expect(monthlyPreview.subject).toBe(`La veille de ${monthLabel(thisMonth)} – Les Métropotes`);
    expect(monthlyPreview.html).toContain('Pot du pote de Noël');
    // The stored letter, as kept: its unsubscribe link masked. Staff get no working unsubscribe link of the member's.
    expect(written.text).toContain('https://metropotes.example.org/unsubscribe/[lien masqué]');
    expect(monthlyPreview.html).toBe(written.html);
    expect(monthlyPreview.text).toBe(written.text);
    expect(monthlyPreview.text).not.toMatch(/\/unsubscribe\/(?!\[lien masqué\])/);
    expect(monthlyPreview.html).toContain('https://metropotes.example.org/preferences');

    // A period not written yet (the same month next year): what they would get now, new since where their last
    // digest (up to now) ended.
    const nextYear = `${Number(thisMonth.slice(0, 4)) + 1}${thisMonth.slice(4)}`;
    const next = (await gqlOk<{ previewDigest: Preview }>(query, { memberId: monthly.id, period: nextYear }, staff.token)).previewDigest;
    expect(next).toMatchObject({
      period: nextYear,
      periodLabel: `de ${monthLabel(nextYear)}`,
      outcome: 'READY',
      subject: `La veille de ${monthLabel(nextYear)} – Les Métropotes`,
    });
    expect(new Date(next.since).getTime()).toBe(new Date(written.covers_until).getTime());
    expect(next.html).toContain('<html');
    expect(next.html).toContain('Pot du pote de Noël');
    expect(next.text).toContain('Bonjour Paul Mensuel,');
    expect(next.html).not.toContain('/unsubscribe/');

    // The reader unsubscribed: what the weekly digest would hold, marked as not sent to them.
    const readerPreview = (await gqlOk<{ previewDigest: Preview }>(query, { memberId: reader.id, period: '2026-W53' }, staff.token)).previewDigest;
    expect(readerPreview).toMatchObject({ period: '2026-W53', periodLabel: 'de la semaine du 28 décembre 2026', outcome: 'NOT_SUBSCRIBED' });
    expect(readerPreview.html).toContain('Pot du pote de Noël');
    // Boulogne-Billancourt has nothing to tell: empty, nothing would be sent.
    expect((await gqlOk<{ previewDigest: Preview }>(query, { memberId: elsewhere.id, period: '2026-W53' }, staff.token)).previewDigest).toMatchObject(
      {
        outcome: 'EMPTY',
        subject: null,
        html: null,
      },
    );

    expect(await emailCount()).toBe(before);
    await sleep(200);
    expect(sink.messages.length).toBe(sent);

    // Refusals: members and visitors, an unknown member, periods that do not exist (2027 has 52 ISO weeks).
    const code = async (variables: Record<string, unknown>, token?: string) =>
      (await system.gql(query, variables, token)).errors?.[0]?.extensions?.code;
    expect(await code({ memberId: monthly.id }, reader.token)).toBe('FORBIDDEN');
    expect(await code({ memberId: monthly.id })).toBe('UNAUTHENTICATED');
    expect(await code({ memberId: '00000000-0000-4000-8000-000000000000' }, staff.token)).toBe('NOT_FOUND');
    const badPeriod = await system.gql(query, { memberId: monthly.id, period: 'semaine 48' }, staff.token);
    expect(badPeriod.errors?.[0]).toMatchObject({
      message: 'La période doit être une semaine (2026-W48) ou un mois (2026-11).',
      extensions: { code: 'BAD_USER_INPUT', field: 'period' },
    });
    const noWeek = await system.gql(query, { memberId: monthly.id, period: '2027-W53' }, staff.token);
    expect(noWeek.errors?.[0]).toMatchObject({ message: "La période 2027-W53 n'existe pas.", extensions: { code: 'BAD_USER_INPUT' } });

    // Workers stopped: a clear SERVICE_UNAVAILABLE once the wait is over, and the request leaves no job behind.
    await harness.running.stop();
    const down = await system.gql(query, { memberId: monthly.id }, staff.token);
    expect(down.errors?.[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(down.errors?.[0]?.message).toContain('le service des tâches ne répond pas');
    const connection = new IORedis(system.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('system', { connection: connection as ConnectionOptions, prefix: harness.config.redis.prefix });
    try {
      expect((await queue.getJobs(['waiting', 'prioritized', 'delayed'])).filter((j) => j.name === 'digest.preview')).toHaveLength(0);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it("a Monday run that runs late (after midnight) still writes the month's digests: the run's instant is when it was due", async () => {
    // The workers are stopped (previous test): the handler is called as the worker host would, with the job's due time.
    const due = new Date('2026-12-07T07:00:00Z'); // first Monday of December, 08:00 in Paris
    const ctx = { jobId: 'late', attempt: 1, maxAttempts: 5, scheduledAt: due, log: harness.logger };
    await createHandlers(runtime)['digest.run']({}, ctx);
    const { rows } = await system.db.query(`SELECT period FROM workers.digest_runs WHERE run_at = $1 ORDER BY period`, [due]);
    expect(rows.map((r) => r.period)).toEqual(['2026-12', '2026-W50']);
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
