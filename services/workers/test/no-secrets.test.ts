/**
 * Security review, items 1, 3c and 8c: no usable secret (password-reset, e-mail verification and prospect invitation
 * tokens, the digest's unsubscribe link) in a job payload, a job result or any other Redis key, nor in the e-mail
 * ledger (workers.emails), nor in clear in members' tables; the link reaches the recipient only, in the message the
 * SMTP server gets, and works. And per-address limits on reset and verification e-mails.
 * Everything real: gateway, subgraphs, Postgres, Redis, the workers and a loopback SMTP server.
 */
import { UnsubscribeTokens } from '@metropotes/auth';
import type { TestMember, TestSystem } from '@metropotes/test-kit';
import IORedis from 'ioredis';
import type { ParsedMail } from 'mailparser';
import { digestKey, runDigest } from '../src/digest/digest-run';
import { periodsDueAt } from '../src/digest/period';
import { scrubLegacyLinkTokens } from '../src/mail/legacy-secrets';
import type { SmtpSink } from './support/smtp-sink';
import { gqlData, sleep, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const PUBLIC_URL = 'https://metropotes.example.org';
const PLACEHOLDER = '[lien masqué]';
const REQUEST_RESET = `mutation Q($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation R($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) { id } }`;
const LOG_IN = `mutation L($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }`;
const RESEND = `mutation { resendVerificationEmail }`;

/** Every key of the run's prefix and everything it holds, whatever its type (BullMQ jobs are hashes; events are streams). */
async function redisContents(redisUrl: string, prefix: string): Promise<{ key: string; values: string[] }[]> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  const out: { key: string; values: string[] }[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        let values: string[] = [];
        if (type === 'string') values = [(await redis.get(key)) ?? ''];
        else if (type === 'hash') values = Object.entries(await redis.hgetall(key)).flat();
        else if (type === 'list') values = await redis.lrange(key, 0, -1);
        else if (type === 'set') values = await redis.smembers(key);
        else if (type === 'zset') values = await redis.zrange(key, 0, -1, 'WITHSCORES');
        else if (type === 'stream') values = (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
        else if (type !== 'none') throw new Error(`key ${key} of type ${type}: not scanned`);
        out.push({ key, values });
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return out;
}

describe('no usable secret in Redis, the e-mail ledger or members tables; the links still work', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let sink: SmtpSink;
  let staff: TestMember;

  const gqlOk = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => gqlData<T>(system, query, variables, token);

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true, systemEnv: { ACCOUNT_EMAILS_PER_HOUR: '3' } });
    system = harness.system;
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF', displayName: 'Inès Animatrice' });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  /** The first message to `address` with a link to `path` (waits for it). */
  const messageTo = (address: string, path: string): Promise<ParsedMail> =>
    waitFor(`an e-mail to ${address} with ${path}`, async () =>
      sink.messages.find((m) => JSON.stringify(m.to).includes(address) && String(m.text).includes(`${PUBLIC_URL}${path}`)),
    );

  /** The value of `query` in the link to `path` of a message (decoded). */
  const linkValue = (message: ParsedMail, path: string, query: string): string => {
    const match = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}${path}\\?${query}=([^\\s"&<>]+)`).exec(String(message.text));
    if (!match) throw new Error(`no ${path} link in: ${message.text}`);
    return decodeURIComponent(match[1]!);
  };

  /** Waits until no job of the mail queue is left to run (the e-mail's jobs are then completed, and kept). */
  const mailSettled = () =>
    waitFor('the mail queue to settle', async () => {
      const counts = await harness.runtime.jobs.queue('mail').getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    });

  /**
   * `secret` (and its URL-encoded form) is in no Redis key of the run's prefix (name or value), no column of any row of
   * the workers' tables (the ledger workers.emails first), and no column of members' tables.
   */
  async function expectNowhere(secret: string): Promise<void> {
    await mailSettled();
    const forms = [...new Set([secret, encodeURIComponent(secret)])];
    const found: string[] = [];
    for (const { key, values } of await redisContents(system.redisUrl, system.redisPrefix)) {
      for (const form of forms) if (key.includes(form) || values.some((v) => v.includes(form))) found.push(`redis ${key}`);
    }
    const { rows: tables } = await system.db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema IN ('workers', 'members') AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toContain('workers.emails');
    for (const { schema, name } of tables) {
      const { rows } = await system.db.query(`SELECT * FROM "${schema}"."${name}"`);
      for (const row of rows) {
        const text = JSON.stringify(row);
        for (const form of forms) if (text.includes(form)) found.push(`${schema}.${name}`);
      }
    }
    expect(found).toEqual([]);
  }

  /** The member's stored e-mail of `template`, once delivered. */
  const ledgerRow = (memberId: string, template: string) =>
    waitFor(`the ${template} e-mail of ${memberId} sent`, async () => {
      const { rows } = await system.db.query(`SELECT * FROM workers.emails WHERE member_id = $1 AND template = $2 AND state = 'sent'`, [
        memberId,
        template,
      ]);
      return rows[0];
    });

  it('password reset: the link of the delivered e-mail works; the token is nowhere else', async () => {
    const member = await system.signUp({ displayName: 'Awa Oublieuse' });
    expect(await gqlOk(REQUEST_RESET, { email: member.email })).toEqual({ requestPasswordReset: true });
    const message = await messageTo(member.email, '/reinitialiser-mot-de-passe');
    const token = linkValue(message, '/reinitialiser-mot-de-passe', 'token');
    expect(token.length).toBeGreaterThanOrEqual(40);

    const row = await ledgerRow(member.id, 'password-reset');
    await expectNowhere(token);
    // The ledger keeps the e-mail with the link masked, and says so.
    expect(row.text).toContain(`${PUBLIC_URL}/reinitialiser-mot-de-passe?token=${PLACEHOLDER}`);
    expect(row.html).toContain(`${PUBLIC_URL}/reinitialiser-mot-de-passe?token=${PLACEHOLDER}`);

    const newPassword = 'Nouveau-Depart-2027?';
    const reset = await system.gql<{ resetPassword: { id: string } }>(RESET, { token, password: newPassword });
    expect(reset.errors).toBeUndefined();
    expect(reset.data!.resetPassword.id).toBe(member.id);
    expect((await system.gql(LOG_IN, { email: member.email, password: member.password })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.gql(LOG_IN, { email: member.email, password: newPassword })).errors).toBeUndefined();
  });

  it('e-mail verification: the link of the delivered e-mail works; the token is nowhere else', async () => {
    const member = await system.signUp({ displayName: 'Bakary Nouveau' });
    const message = await messageTo(member.email, '/verifier-email');
    const token = linkValue(message, '/verifier-email', 'token');
    const row = await ledgerRow(member.id, 'verify-email');
    expect(row.text).toContain(`${PUBLIC_URL}/verifier-email?token=${PLACEHOLDER}`);
    await expectNowhere(token);

    const verified = await gqlOk<{ verifyEmail: { id: string; emailVerified: boolean } }>(
      `mutation V($t: String!) { verifyEmail(token: $t) { id emailVerified } }`,
      { t: token },
    );
    expect(verified.verifyEmail).toEqual({ id: member.id, emailVerified: true });
  });

  it('prospect invitation: both links of the delivered e-mail carry the token, which is nowhere else; signing up with it works', async () => {
    const address = `invitee-${Date.now()}@example.org`;
    const created = await gqlOk<{ createProspect: { id: string } }>(
      `mutation($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
      { input: { name: 'Collectif des Tilleuls', kind: 'COLLECTIVE', communeCode: '93039', contact: { email: address } } },
      staff.token,
    );
    const prospectId = created.createProspect.id;
    await gqlOk(`mutation($id: ID!) { inviteProspect(id: $id, message: "Au plaisir !") { status } }`, { id: prospectId }, staff.token);
    const message = await messageTo(address, '/rejoindre');
    const token = linkValue(message, '/rejoindre', 'invitation');
    expect(linkValue(message, '/ne-plus-me-contacter', 'token')).toBe(token);
    const row = await waitFor('the invitation sent', async () => {
      const { rows } = await system.db.query(`SELECT * FROM workers.emails WHERE prospect_id = $1 AND state = 'sent'`, [prospectId]);
      return rows[0];
    });
    expect(row.text).toContain(`${PUBLIC_URL}/rejoindre?invitation=${PLACEHOLDER}`);
    expect(row.text).toContain(`${PUBLIC_URL}/ne-plus-me-contacter?token=${PLACEHOLDER}`);
    await expectNowhere(token);

    const signedUp = await gqlOk<{ signUp: { member: { id: string } } }>(
      `mutation($input: SignUpInput!) { signUp(input: $input) { member { id } } }`,
      {
        input: {
          email: address,
          password: 'Un-mot-de-passe-2026!',
          displayName: 'Léa Tilleul',
          communeCode: '93039',
          acceptCharter: true,
          invitationToken: token,
        },
      },
    );
    const prospect = await gqlOk<{ prospect: { status: string; joinedMember: { id: string } } }>(
      `query($id: ID!) { prospect(id: $id) { status joinedMember { id } } }`,
      { id: prospectId },
      staff.token,
    );
    expect(prospect.prospect).toEqual({ status: 'JOINED', joinedMember: { id: signedUp.signUp.member.id } });
  });

  it('digest: the stored letter masks the unsubscribe link, the delivered one carries a working one; it is nowhere else', async () => {
    const reader = await system.signUp({ displayName: 'Fatou Lectrice', communeCode: '93039' });
    await gqlOk(
      `mutation P($input: NotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) { id } }`,
      { input: { digestFrequency: 'WEEKLY' } },
      reader.token,
    );
    const start = new Date(system.clock.now().getTime() + 3 * 86_400_000);
    start.setUTCSeconds(0, 0);
    await gqlOk(
      `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Pot du pote de la rentrée',
          kind: 'POT_DU_POTE',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
          venue: { name: 'Café associatif', communeCode: '93039' },
        },
      },
      staff.token,
    );
    const period = periodsDueAt(system.clock.now())[0]!;
    await runDigest(harness.runtime, period, system.clock.now());
    const row = await waitFor('the digest sent', async () => {
      const { rows } = await system.db.query(`SELECT * FROM workers.emails WHERE dedupe_key = $1 AND state = 'sent'`, [digestKey(reader.id, period)]);
      return rows[0];
    });
    expect(row.text).toContain(`${PUBLIC_URL}/unsubscribe/${PLACEHOLDER}`);
    expect(row.headers['List-Unsubscribe']).toBe(`<${PUBLIC_URL}/unsubscribe/${PLACEHOLDER}>`);
    const token = new UnsubscribeTokens(system.env.SYSTEM_PRIVATE_KEY!).tokenFor(reader.id);
    const message = sink.byEmailId(row.id)[0]!;
    expect(String(message.text)).toContain(`${PUBLIC_URL}/unsubscribe/${token}`);
    const header = message.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\r?\n\s+/g, ' ');
    expect(header).toBe(`List-Unsubscribe: <${PUBLIC_URL}/unsubscribe/${token}>`);
    await expectNowhere(token);

    const done = await fetch(`${system.origin}/unsubscribe/${token}`, { method: 'POST' });
    expect(done.status).toBe(200);
    expect((await system.db.query('SELECT digest_frequency FROM members.members WHERE id = $1', [reader.id])).rows[0].digest_frequency).toBe('NONE');
  });

  it('limits reset e-mails per address: the 4th request within the hour answers the same and writes and sends nothing', async () => {
    const member = await system.signUp({ displayName: 'Chantal Pressée' });
    const count = async (sql: string) => (await system.db.query(sql, [member.id])).rows[0].n as number;
    const tokens = () => count(`SELECT count(*)::int AS n FROM members.account_tokens WHERE member_id = $1 AND purpose = 'PASSWORD_RESET'`);
    const answers: unknown[] = [];
    for (let i = 1; i <= 4; i += 1) {
      answers.push(await system.gql(REQUEST_RESET, { email: member.email }));
      // The link is issued after the answer: let this one be written before the next request.
      if (i < 4) await waitFor(`reset link ${i}`, async () => (await tokens()) === i);
    }
    expect(answers).toEqual(Array(4).fill({ status: 200, data: { requestPasswordReset: true } }));
    await sleep(1500);
    await mailSettled();
    expect(await tokens()).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM workers.emails WHERE member_id = $1 AND template = 'password-reset'`)).toBe(3);
    const resetJobs = (await harness.runtime.jobs.queue('mail').getJobs(['completed', 'failed', 'waiting', 'delayed', 'active'])).filter(
      (job) =>
        job.name === 'email.requested' &&
        (job.data as { memberId: string }).memberId === member.id &&
        (job.data as { template: string }).template === 'password-reset',
    );
    expect(resetJobs).toHaveLength(3);
  });

  it('limits verification e-mails per address: the sign-up and two more within the hour, then the same answer and nothing', async () => {
    const member = await system.signUp({ displayName: 'Djibril Impatient' });
    const tokens = async () =>
      (await system.db.query(`SELECT count(*)::int AS n FROM members.account_tokens WHERE member_id = $1 AND purpose = 'VERIFY_EMAIL'`, [member.id]))
        .rows[0].n as number;
    const answers: unknown[] = [];
    for (let i = 0; i < 3; i += 1) answers.push(await system.gql(RESEND, {}, member.token));
    expect(answers).toEqual(Array(3).fill({ status: 200, data: { resendVerificationEmail: true } }));
    await sleep(500);
    await mailSettled();
    expect(await tokens()).toBe(3);
    expect(
      (await system.db.query(`SELECT count(*)::int AS n FROM workers.emails WHERE member_id = $1 AND template = 'verify-email'`, [member.id])).rows[0]
        .n,
    ).toBe(3);
  });

  it('removes the token from the jobs kept from before (params.token): completed, failed or still waiting', async () => {
    const queue = harness.runtime.jobs.queue('mail');
    const stamp = Date.now();
    const legacy = `ancien-jeton-${stamp}-0123456789abcdefghij`;
    const member = await system.signUp({ displayName: 'Ancienne Version' });
    // As the services wrote them before (the workers will see them later, if ever).
    const later = { delay: 3_600_000 };
    await queue.add(
      'email.requested',
      { template: 'password-reset', memberId: member.id, dedupeKey: `password-reset:legacy-${stamp}`, params: { token: legacy } },
      later,
    );
    await queue.add(
      'prospect.invitation-requested',
      {
        prospectId: member.id,
        invitationId: member.id,
        dedupeKey: `prospect-invitation:legacy-${stamp}`,
        params: { token: legacy, validForDays: '30' },
      },
      later,
    );
    const holding = async () =>
      (await redisContents(system.redisUrl, system.redisPrefix)).filter(({ values }) => values.some((v) => v.includes(legacy))).length;
    expect(await holding()).toBe(2);

    expect(await scrubLegacyLinkTokens(harness.runtime)).toBe(2);
    expect(await holding()).toBe(0);
    const kept = (await queue.getJobs(['delayed'])).filter((job) => String(job.data.dedupeKey).endsWith(`legacy-${stamp}`));
    expect(kept.map((job) => job.data.params).sort((a, b) => Object.keys(a).length - Object.keys(b).length)).toEqual([{}, { validForDays: '30' }]);
    expect(await scrubLegacyLinkTokens(harness.runtime)).toBe(0);
    for (const job of kept) await job.remove();
  });
});
