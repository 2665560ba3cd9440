import { sessionVersionKey, SESSION_VERSION_TTL_SECONDS } from '@metropotes/auth';
import { postGraphQL, type TestMember, type TestSystem } from '@metropotes/test-kit';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import { createEvent, gqlData, registerForEvent, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const MINUTE = 60_000;

/** A column or Redis key that still holds one of the member's identifiers after the erasure. */
interface Leftover {
  where: string;
  needle: 'id' | 'email' | 'name';
  value: string;
}

/**
 * Issue #20, the proof: a member active in every service (profile, group, a registration with attendance and a skill
 * gained, an event proposed, a fiche, a veille item, a report, a warning received, e-mails received) downloads their
 * export — assembled by the gateway from every service's part — and each part holds what it must; then they erase their
 * account, and EVERY column of EVERY table of every schema (read from information_schema, not from the services' lists)
 * and every Redis key and value of the run is scanned for their id, e-mail address and display name. Only the
 * exceptions listed below (EXCEPTIONS), each with its reason, may remain.
 */
describe('data export and erasure across every service (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let runtime: WorkersRuntime;
  let sink: SmtpSink;
  let staff: TestMember;
  let member: TestMember;
  let other: TestMember;
  const marker = `quixblatt${randomBytes(4).toString('hex')}`;
  const displayName = `Zoé ${marker[0]!.toUpperCase()}${marker.slice(1)}`;

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true });
    ({ system, runtime } = harness);
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF', displayName: 'Nadia Animatrice' });
    member = await system.signUp({ displayName });
    other = await system.signUp({ displayName: 'Karim Voisin' });
  });

  afterAll(() => harness?.stop());

  const gql = <T>(query: string, variables: Record<string, unknown>, token: string) => gqlData<T>(system, query, variables, token);

  /**
   * The legitimate exceptions: what may still name the erased member, and why. Each is matched exactly (table and
   * column, or key), so that anything else fails the test.
   */
  const EXCEPTIONS: { where: RegExp; reason: string }[] = [
    {
      where: /^members\.members\.id$/,
      reason:
        "the erased account's row (deleted_at set, every personal field emptied): the id is what other services' references resolve to « Ancien membre », and what refuses the old access tokens",
    },
    {
      where: /^members\.job_outbox\.(payload|job_id)$/,
      reason:
        "the 'member.erased' job itself (its outbox row, payload and job id: the instruction to the other services, idempotent, relayed again if lost), purged with the outbox's enqueued rows (checked below: that row alone)",
    },
    {
      where: /^redis:fanout:member-erased-[0-9a-f-]+$/,
      reason: "the 'member.erased' job itself, completed: kept by BullMQ as every job is (removeOnComplete: 7 days at most)",
    },
    {
      where: /^redis:fanout:(completed|events)$/,
      reason: "the 'member.erased' job's id in BullMQ's set of completed jobs and in its event stream (capped), for the same reason",
    },
    {
      where: /^redis:session-version:[0-9a-f-]+$/,
      reason: `the member's session version, which refuses the access tokens issued before the erasure; it expires with them (${SESSION_VERSION_TTL_SECONDS} s)`,
    },
  ];
  const isException = (where: string) => EXCEPTIONS.some((e) => e.where.test(where));

  /** Every column of every table of every schema whose text holds one of the needles. */
  async function scanDatabase(needles: Record<Leftover['needle'], string>): Promise<Leftover[]> {
    const { rows: columns } = await system.db.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
      `SELECT c.table_schema, c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg_%'
         AND c.data_type NOT IN ('boolean', 'smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision', 'date', 'interval',
                                 'timestamp with time zone', 'timestamp without time zone', 'time with time zone', 'time without time zone', 'bytea')`,
    );
    // The scan must see the tables every service has, whatever they are (a service that adds one is scanned too).
    expect([...new Set(columns.map((c) => c.table_schema))]).toEqual(expect.arrayContaining(['members', 'events', 'guide', 'moderation', 'workers']));
    const found: Leftover[] = [];
    for (const c of columns) {
      const [table, col] = [`"${c.table_schema}"."${c.table_name}"`, `"${c.column_name}"`];
      for (const [needle, value] of Object.entries(needles) as [Leftover['needle'], string][]) {
        const { rows } = await system.db.query<{ v: string }>(
          `SELECT ${col}::text AS v FROM ${table} WHERE strpos(lower(${col}::text), $1) > 0 LIMIT 3`,
          [value.toLowerCase()],
        );
        for (const row of rows) found.push({ where: `${c.table_schema}.${c.table_name}.${c.column_name}`, needle, value: row.v.slice(0, 200) });
      }
    }
    return found;
  }

  /**
   * Every key of the run's Redis prefix (every process of the run uses it: queues, replies, session versions; the
   * other keys of this Redis belong to other runs), and every value (strings, hashes, lists, sets, sorted sets, streams).
   */
  async function scanRedis(needles: Record<Leftover['needle'], string>): Promise<Leftover[]> {
    const redis = new IORedis(system.redisUrl, { maxRetriesPerRequest: 1 });
    const found: Leftover[] = [];
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${system.redisPrefix}:*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const type = await redis.type(key);
        let text: string;
        if (type === 'string') text = (await redis.get(key)) ?? '';
        else if (type === 'hash') text = JSON.stringify(await redis.hgetall(key));
        else if (type === 'list') text = JSON.stringify(await redis.lrange(key, 0, -1));
        else if (type === 'set') text = JSON.stringify(await redis.smembers(key));
        else if (type === 'zset') text = JSON.stringify(await redis.zrange(key, 0, -1));
        else if (type === 'stream') text = JSON.stringify(await redis.xrange(key, '-', '+'));
        else text = '';
        const where = `redis:${key.slice(system.redisPrefix.length + 1)}`;
        for (const [needle, value] of Object.entries(needles) as [Leftover['needle'], string][]) {
          const v = value.toLowerCase();
          if (key.toLowerCase().includes(v) || text.toLowerCase().includes(v)) found.push({ where, needle, value: `${key} = ${text.slice(0, 200)}` });
        }
      }
    } finally {
      redis.disconnect();
    }
    return found;
  }

  it('exports every service’s part to the member alone, then leaves nothing of them anywhere once erased', async () => {
    // --- The member is active in every service. ---------------------------------------------------------------
    await gql(
      `mutation { updateMyProfile(input: { bio: "Cycliste du canal", neighbourhood: "Centre", interests: [CULTURE] }) { id } }`,
      {},
      member.token,
    );
    const group = await gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { name: "Vélo-école du canal" }) { id } }`,
      {},
      member.token,
    );
    await gql(`mutation J($id: ID!) { joinGroup(groupId: $id) { id } }`, { id: group.createGroup.id }, other.token);

    const skill = await gql<{ createSkill: { id: string } }>(`mutation { createSkill(input: { name: "Réparer un vélo" }) { id } }`, {}, staff.token);
    // Starts in 30 minutes: check-in is open from one hour before the start.
    const atelier = await createEvent(
      system,
      staff.token,
      { title: 'Atelier réparation', skillIds: [skill.createSkill.id] },
      new Date(system.clock.now().getTime() + 30 * MINUTE),
    );
    expect((await registerForEvent(system, atelier.id, member)).status).toBe('CONFIRMED');
    const code = await gql<{ event: { checkInCode: string } }>(
      `query E($id: ID!) { event(id: $id) { checkInCode } }`,
      { id: atelier.id },
      staff.token,
    );
    const checkedIn = await gql<{ checkIn: { attendance: string } }>(
      `mutation C($id: ID!, $code: String!) { checkIn(eventId: $id, code: $code) { attendance } }`,
      { id: atelier.id, code: code.event.checkInCode },
      member.token,
    );
    expect(checkedIn.checkIn.attendance).toBe('PRESENT');
    // An event they propose (organizer).
    const proposed = await createEvent(system, member.token, { title: 'Balade à vélo le long du canal' });

    const fiche = await gql<{ createGuideArticle: { id: string } }>(
      `mutation { createGuideArticle(input: { title: "Monter un atelier vélo", summary: "Pas à pas" }) { id } }`,
      {},
      member.token,
    );
    const watch = await gql<{ submitWatchItem: { id: string } }>(
      `mutation { submitWatchItem(input: { url: "https://example.org/velo-ecole", title: "Une vélo-école ouvre" }) { id } }`,
      {},
      member.token,
    );

    // Staff noted them as a prospect (their address, in capitals, and their name) before they joined.
    const prospect = await gql<{ createProspect: { id: string } }>(
      `mutation C($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
      {
        input: {
          name: displayName,
          kind: 'PERSON',
          communeCode: '93039',
          contact: { email: member.email.toUpperCase() },
          sourceNote: `Rencontrée au pot du pote : ${displayName}`,
        },
      },
      staff.token,
    );
    await gql(
      `mutation N($id: ID!, $t: String!) { addProspectNote(id: $id, text: $t) { id } }`,
      { id: prospect.createProspect.id, t: `${displayName} viendra au prochain atelier` },
      staff.token,
    );

    // A report they make (with free text), and a warning they receive after someone else's report.
    const made = await gql<{ reportContent: { id: string } }>(
      `mutation R($input: ReportContentInput!) { reportContent(input: $input) { id } }`,
      { input: { targetType: 'EVENT', targetId: atelier.id, reason: 'OTHER', details: 'La salle était fermée, mon voisin du 3e peut en témoigner' } },
      member.token,
    );
    await gql(
      `mutation R($input: ReportContentInput!) { reportContent(input: $input) { id } }`,
      { input: { targetType: 'MEMBER', targetId: member.id, reason: 'HARASSMENT' } },
      other.token,
    );
    const { rows: cases } = await system.db.query<{ id: string }>(
      `SELECT id FROM moderation.cases WHERE target_type = 'MEMBER' AND target_id = $1 AND status = 'OPEN'`,
      [member.id],
    );
    await gql(
      `mutation D($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { id } }`,
      { caseId: cases[0]!.id, input: { action: 'WARN', reason: 'Propos déplacés envers un voisin' } },
      staff.token,
    );
    // The warning is applied in members (a job): done before the erasure, so that nothing races it.
    await waitFor(
      'warning applied',
      async () =>
        (await system.db.query(`SELECT 1 FROM moderation.decisions WHERE case_id = $1 AND applied_at IS NOT NULL`, [cases[0]!.id])).rowCount,
    );
    // E-mails they received: the address confirmation of the sign-up, delivered.
    await waitFor('confirmation e-mail delivered', async () => sink.messages.find((m) => JSON.stringify(m.to).includes(member.email)));
    await waitFor(
      'ledger row sent',
      async () => (await system.db.query(`SELECT 1 FROM workers.emails WHERE member_id = $1 AND state = 'sent'`, [member.id])).rowCount,
    );

    // --- The export: one document, every part labelled by service, dated by the clock, versioned. -------------
    const before = system.clock.now().getTime();
    const exported = await system.gql<{
      myDataExport: Record<string, Record<string, unknown>> & { exportedAt: string; version: number; format: string; memberId: string };
    }>('{ myDataExport }', {}, member.token);
    expect(exported.errors).toBeUndefined();
    const doc = exported.data!.myDataExport;
    expect(doc).toMatchObject({ format: 'metropotes-data-export', version: 2, memberId: member.id });
    expect(Object.keys(doc)).toEqual(['format', 'version', 'exportedAt', 'memberId', 'members', 'events', 'guide', 'moderation', 'workers']);
    expect(Math.abs(new Date(doc.exportedAt).getTime() - before)).toBeLessThan(MINUTE);
    for (const part of ['members', 'events', 'guide', 'moderation', 'workers']) expect(doc[part]!.service).toBe(part);

    expect(doc.members).toMatchObject({
      profile: { id: member.id, email: member.email, displayName, bio: 'Cycliste du canal', neighbourhood: 'Centre' },
      groups: [expect.objectContaining({ id: group.createGroup.id, name: 'Vélo-école du canal', role: 'ADMIN' })],
      prospects: [
        expect.objectContaining({
          id: prospect.createProspect.id,
          name: displayName,
          contactEmail: member.email,
          notes: [expect.objectContaining({ text: `${displayName} viendra au prochain atelier` })],
        }),
      ],
      warnings: [expect.objectContaining({ reason: 'Propos déplacés envers un voisin' })],
      notificationPreferences: expect.any(Object),
    });
    expect(doc.events).toMatchObject({
      registrations: [expect.objectContaining({ eventId: atelier.id, eventTitle: 'Atelier réparation', status: 'CONFIRMED', attendance: 'PRESENT' })],
      checkIns: { present: [atelier.id], wrongCodes: [] },
      organizedEvents: [expect.objectContaining({ id: proposed.id, title: 'Balade à vélo le long du canal' })],
      skillsGained: [expect.objectContaining({ id: skill.createSkill.id, name: 'Réparer un vélo', events: 1 })],
    });
    expect(doc.guide).toMatchObject({
      fiches: [expect.objectContaining({ id: fiche.createGuideArticle.id, title: 'Monter un atelier vélo', status: 'DRAFT' })],
      watchItems: [expect.objectContaining({ id: watch.submitWatchItem.id, title: 'Une vélo-école ouvre' })],
    });
    expect(doc.moderation).toMatchObject({
      reports: [
        expect.objectContaining({
          id: made.reportContent.id,
          targetId: atelier.id,
          reason: 'OTHER',
          details: 'La salle était fermée, mon voisin du 3e peut en témoigner',
        }),
      ],
      sanctionsReceived: [expect.objectContaining({ action: 'WARN', reason: 'Propos déplacés envers un voisin' })],
    });
    const emails = doc.workers!.emails as { template: string; subject: string | null; sentAt: string | null; html?: unknown; text?: unknown }[];
    const confirmation = emails.find((e) => e.template === 'verify-email');
    expect(confirmation).toEqual({
      template: 'verify-email',
      subject: expect.stringMatching(/\S/),
      state: 'sent',
      createdAt: expect.any(String),
      sentAt: expect.any(String),
    });
    expect(sink.messages.some((m) => m.subject === confirmation!.subject && JSON.stringify(m.to).includes(member.email))).toBe(true);
    // Subjects and dates only: not the bodies, which carry links.
    expect(JSON.stringify(doc.workers)).not.toMatch(/https?:\/\//);

    // Another member's export holds nothing of this one's; nobody else can read theirs, even straight at a subgraph.
    const theirs = await system.gql<{ myDataExport: Record<string, unknown> }>('{ myDataExport }', {}, other.token);
    expect(theirs.errors).toBeUndefined();
    expect(JSON.stringify(theirs.data!.myDataExport)).not.toContain(marker);
    expect((await system.gql('{ myDataExport }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const [name, field] of [
      ['members', 'members'],
      ['events', 'events'],
      ['guide', 'guide'],
      ['moderation', 'moderation'],
    ] as const) {
      const subgraph = system.subgraphs[name];
      const answer = await postGraphQL(
        subgraph.url,
        `query X($r: [_Any!]!) { _entities(representations: $r) { ... on DataExport { ${field} } } }`,
        { r: [{ __typename: 'DataExport', memberId: member.id }] },
        { token: other.token, headers: { 'x-gateway-secret': system.env[`${name.toUpperCase()}_GATEWAY_SECRET`]! } },
      );
      expect([name, answer.errors?.[0]?.extensions?.code]).toEqual([name, 'FORBIDDEN']);
    }

    // --- The erasure. -----------------------------------------------------------------------------------------
    expect(
      (await system.gql(`mutation D($p: String!) { deleteMyAccount(password: $p) }`, { p: member.password }, member.token)).errors,
    ).toBeUndefined();
    const job = await waitFor('member.erased done', async () => {
      const found = await runtime.jobs.queue('fanout').getJob(`member-erased-${member.id}`);
      return found?.finishedOn ? found : null;
    });
    expect(job.failedReason).toBeUndefined();

    // Moderation: the report keeps its reason, loses its details and its reporter (the erased marker).
    const { rows: reports } = await system.db.query(
      `SELECT reporter_id, details, reason, reporter_erased_at IS NOT NULL AS erased FROM moderation.reports WHERE id = $1`,
      [made.reportContent.id],
    );
    expect(reports).toEqual([{ reporter_id: null, details: null, reason: 'OTHER', erased: true }]);

    // The moderation log names them no more, and stays append-only for anything but that replacement.
    const { rows: log } = await system.db.query<{ target_id: string; id: string }>(
      `SELECT id, target_id FROM moderation.audit_log WHERE case_id = $1 AND target_type = 'MEMBER'`,
      [cases[0]!.id],
    );
    expect(log.length).toBeGreaterThan(0);
    for (const entry of log) expect(entry.target_id).toBe(`erased:${entry.id}`);
    await expect(system.db.query(`UPDATE moderation.audit_log SET reason = 'changé' WHERE id = $1`, [log[0]!.id])).rejects.toThrow(/append-only/);
    await expect(system.db.query(`UPDATE moderation.audit_log SET target_id = $2 WHERE id = $1`, [log[0]!.id, member.id])).rejects.toThrow(
      /append-only/,
    );

    // Members: the prospect record matched to the account keeps only what outreach counts.
    const { rows: prospects } = await system.db.query(
      `SELECT name, contact_email, source_note, joined_member_id FROM members.prospects WHERE id = $1`,
      [prospect.createProspect.id],
    );
    expect(prospects).toEqual([{ name: 'Contact effacé', contact_email: null, source_note: null, joined_member_id: null }]);
    // The one outbox row left naming them is the erasure's own job.
    const { rows: outbox } = await system.db.query(`SELECT job_name, job_id FROM members.job_outbox WHERE strpos(payload::text || job_id, $1) > 0`, [
      member.id,
    ]);
    expect(outbox).toEqual([{ job_name: 'member.erased', job_id: `member-erased-${member.id}` }]);

    // --- The scan: every column of every table, every Redis key and value. -------------------------------------
    const needles = { id: member.id, email: member.email, name: marker };
    const leftovers = [...(await scanDatabase(needles)), ...(await scanRedis(needles))];
    expect(leftovers.filter((l) => !isException(l.where))).toEqual([]);
    // The exceptions hold the id only: never the address or the name.
    expect(leftovers.filter((l) => l.needle !== 'id')).toEqual([]);
    // The session version is there to refuse the old tokens, and goes with them.
    const redis = new IORedis(system.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const ttl = await redis.ttl(sessionVersionKey(system.redisPrefix, member.id));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(SESSION_VERSION_TTL_SECONDS);
    } finally {
      redis.disconnect();
    }
  });
});
