import type { JobPayloads } from '@metropotes/jobs';
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { createHash } from 'node:crypto';
import { EmailLinkTokens } from '../src/email-links';

type EmailJob = JobPayloads['email.requested'];

const LOG_IN = `mutation L($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken refreshToken } }`;
const REFRESH = `mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`;
const RESET = `mutation R($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) { id } }`;
const REQUEST_RESET = `mutation Q($email: String!) { requestPasswordReset(email: $email) }`;
const MAIL_SECRET = `query S($kind: MailSecretKind!, $id: ID!) { systemMailSecret(kind: $kind, id: $id) }`;

describe('e-mail verification and password reset', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** The e-mail jobs enqueued for a member, once `count` of them are there (reset links are issued after the answer). */
  const emailJobs = async (memberId: string, template: string, count = 1): Promise<EmailJob[]> => {
    const until = Date.now() + 5000;
    let found = await enqueued(memberId, template);
    while (found.length < count && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = await enqueued(memberId, template);
    }
    return found;
  };

  /**
   * The token of an e-mail's link, as the workers get it when they send the e-mail: asked for with a system token by
   * the id the job carries (the job itself holds no token).
   */
  const tokenOf = async (job: EmailJob): Promise<string> => {
    const purpose = job.template === 'password-reset' ? 'PASSWORD_RESET' : 'VERIFY_EMAIL';
    const response = await system.gql<{ systemMailSecret: string | null }>(
      MAIL_SECRET,
      { kind: purpose, id: job.params.tokenId },
      await system.systemToken(),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.systemMailSecret).toEqual(expect.any(String));
    return response.data!.systemMailSecret!;
  };

  /** The e-mail jobs the members service enqueued for a member (no worker runs in tests: they wait). */
  const enqueued = async (memberId: string, template: string): Promise<EmailJob[]> => {
    const jobs = await system.subgraphs.members.deps.jobs.queue('mail').getJobs(['waiting', 'delayed', 'active', 'completed', 'prioritized']);
    return jobs
      .filter((job) => job.name === 'email.requested')
      .map((job) => job.data as EmailJob)
      .filter((data) => data.memberId === memberId && data.template === template);
  };

  it('sends a verification link at sign-up; the token verifies once', async () => {
    const member = await system.signUp();
    const jobs = await emailJobs(member.id, 'verify-email');
    expect(jobs).toHaveLength(1);
    // The job names the link's row, never its token.
    expect(Object.keys(jobs[0]!.params)).toEqual(['tokenId']);
    const token = await tokenOf(jobs[0]!);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(jobs[0])).not.toContain(token);
    expect(jobs[0]!.dedupeKey).toBe(`verify-email:${jobs[0]!.params.tokenId}`);
    // Stored hashed only.
    const stored = await system.db.query('SELECT token_hash FROM members.account_tokens WHERE member_id = $1', [member.id]);
    expect(stored.rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);

    const before = await system.gql<{ me: { emailVerified: boolean } }>('{ me { emailVerified } }', {}, member.token);
    expect(before.data!.me.emailVerified).toBe(false);
    const verified = await system.gql<{ verifyEmail: { id: string; emailVerified: boolean } }>(
      `mutation V($t: String!) { verifyEmail(token: $t) { id emailVerified } }`,
      { t: token },
    );
    expect(verified.errors).toBeUndefined();
    expect(verified.data!.verifyEmail).toEqual({ id: member.id, emailVerified: true });
    const again = await system.gql(`mutation V($t: String!) { verifyEmail(token: $t) { id } }`, { t: token });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    // A used link has no token to send any more.
    const used = await system.gql<{ systemMailSecret: string | null }>(
      MAIL_SECRET,
      { kind: 'VERIFY_EMAIL', id: jobs[0]!.params.tokenId },
      await system.systemToken(),
    );
    expect(used.data!.systemMailSecret).toBeNull();
    // Nothing left to verify.
    const resend = await system.gql('mutation { resendVerificationEmail }', {}, member.token);
    expect(resend.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sends a new verification link on request, to a signed-in member only', async () => {
    const member = await system.signUp();
    const resend = await system.gql<{ resendVerificationEmail: boolean }>('mutation { resendVerificationEmail }', {}, member.token);
    expect(resend.data!.resendVerificationEmail).toBe(true);
    const jobs = await emailJobs(member.id, 'verify-email', 2);
    expect(jobs).toHaveLength(2);
    expect(new Set(await Promise.all(jobs.map(tokenOf))).size).toBe(2);
    expect((await system.gql('mutation { resendVerificationEmail }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers true whether or not the address has an account', async () => {
    const member = await system.signUp();
    const known = await system.gql<{ requestPasswordReset: boolean }>(REQUEST_RESET, { email: member.email.toUpperCase() });
    const unknown = await system.gql<{ requestPasswordReset: boolean }>(REQUEST_RESET, { email: `personne-${Date.now()}@example.org` });
    expect(known).toEqual(unknown);
    expect(known.data!.requestPasswordReset).toBe(true);
    expect(await emailJobs(member.id, 'password-reset')).toHaveLength(1);
  });

  it('resets the password once with the token, and ends every session', async () => {
    const member = await system.signUp();
    const otherSession = await system.gql<{ logIn: { refreshToken: string } }>(LOG_IN, { email: member.email, password: member.password });
    await system.gql(REQUEST_RESET, { email: member.email });
    const [job] = await emailJobs(member.id, 'password-reset');
    const token = await tokenOf(job!);

    const weak = await system.gql(RESET, { token, password: 'court' });
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });

    const newPassword = 'Nouveau-Depart-2027?';
    const reset = await system.gql<{ resetPassword: { id: string } }>(RESET, { token, password: newPassword });
    expect(reset.errors).toBeUndefined();
    expect(reset.data!.resetPassword.id).toBe(member.id);

    // Single use.
    const reuse = await system.gql(RESET, { token, password: 'Encore-Un-Autre-2028?' });
    expect(reuse.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    // Every refresh token is revoked.
    for (const t of [member.refreshToken, otherSession.data!.logIn.refreshToken]) {
      expect((await system.gql(REFRESH, { t })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Old password no longer works; the new one does.
    expect((await system.gql(LOG_IN, { email: member.email, password: member.password })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.gql(LOG_IN, { email: member.email, password: newPassword })).errors).toBeUndefined();
  });

  it('refuses an expired token, and a newer request replaces the older link', async () => {
    const member = await system.signUp();
    await system.gql(REQUEST_RESET, { email: member.email });
    await emailJobs(member.id, 'password-reset', 1);
    await system.gql(REQUEST_RESET, { email: member.email });
    const jobs = await emailJobs(member.id, 'password-reset', 2);
    expect(jobs).toHaveLength(2);
    // The older link is no longer given to the workers (replaced): its e-mail would not be sent.
    const secrets = await Promise.all(
      jobs.map(
        async (j) =>
          (
            await system.gql<{ systemMailSecret: string | null }>(
              MAIL_SECRET,
              { kind: 'PASSWORD_RESET', id: j.params.tokenId },
              await system.systemToken(),
            )
          ).data!.systemMailSecret,
      ),
    );
    expect(secrets.filter((t) => t === null)).toHaveLength(1);
    const newer = secrets.find((t) => t !== null)!;
    // The older one's token, as members derived it (AUTH_PRIVATE_KEY), still refused.
    const older = new EmailLinkTokens(system.env.AUTH_PRIVATE_KEY!).tokenFor(
      'PASSWORD_RESET',
      jobs.find((_, i) => secrets[i] === null)!.params.tokenId!,
    );
    const hashOf = (t: string) => createHash('sha256').update(t).digest('hex');
    const rows = await system.db.query(`SELECT token_hash, used_at FROM members.account_tokens WHERE member_id = $1 AND purpose = 'PASSWORD_RESET'`, [
      member.id,
    ]);
    const open = rows.rows.filter((r) => r.used_at === null).map((r) => r.token_hash);
    expect(open).toEqual([hashOf(newer)]);
    expect(rows.rows.map((r) => r.token_hash)).toContain(hashOf(older));
    expect((await system.gql(RESET, { token: older, password: 'Nouveau-Depart-2027?' })).errors?.[0]?.extensions?.field).toBe('token');

    await system.db.query(`UPDATE members.account_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [hashOf(newer)]);
    expect((await system.gql(RESET, { token: newer, password: 'Nouveau-Depart-2027?' })).errors?.[0]?.extensions?.field).toBe('token');
    const expired = jobs.find((_, i) => secrets[i] !== null)!.params.tokenId;
    expect(
      (await system.gql<{ systemMailSecret: string | null }>(MAIL_SECRET, { kind: 'PASSWORD_RESET', id: expired }, await system.systemToken())).data!
        .systemMailSecret,
    ).toBeNull();
    expect((await system.gql(RESET, { token: 'inconnu', password: 'Nouveau-Depart-2027?' })).errors?.[0]?.extensions?.field).toBe('token');
  });

  it('gives the token of a link to the system only, and none for an unknown row', async () => {
    const member = await system.signUp();
    const [job] = await emailJobs(member.id, 'verify-email');
    const variables = { kind: 'VERIFY_EMAIL', id: job!.params.tokenId };
    expect((await system.gql(MAIL_SECRET, variables)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.gql(MAIL_SECRET, variables, member.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const staff = await system.signUp({ role: 'STAFF' });
    expect((await system.gql(MAIL_SECRET, variables, staff.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const system_ = await system.systemToken();
    // Another kind for the same row, an unknown row, not a uuid: nothing.
    for (const other of [
      { kind: 'PASSWORD_RESET', id: job!.params.tokenId },
      { kind: 'VERIFY_EMAIL', id: '11111111-1111-4111-8111-111111111111' },
      { kind: 'VERIFY_EMAIL', id: 'pas-un-id' },
    ]) {
      expect((await system.gql<{ systemMailSecret: string | null }>(MAIL_SECRET, other, system_)).data!.systemMailSecret).toBeNull();
    }
    // A link issued before tokens were derived (a random token, stored hashed): it still verifies, but members cannot
    // give its token again, so its e-mail, if still unsent, is not sent.
    const legacy = 'un-ancien-jeton-tire-au-hasard-avant-la-derivation';
    const { rows } = await system.db.query<{ id: string }>(
      `INSERT INTO members.account_tokens (member_id, purpose, token_hash, expires_at) VALUES ($1, 'VERIFY_EMAIL', $2, now() + interval '1 hour') RETURNING id`,
      [member.id, createHash('sha256').update(legacy).digest('hex')],
    );
    expect(
      (await system.gql<{ systemMailSecret: string | null }>(MAIL_SECRET, { kind: 'VERIFY_EMAIL', id: rows[0]!.id }, system_)).data!.systemMailSecret,
    ).toBeNull();
    const verified = await system.gql<{ verifyEmail: { id: string } }>(`mutation V($t: String!) { verifyEmail(token: $t) { id } }`, { t: legacy });
    expect(verified.data?.verifyEmail.id).toBe(member.id);
  });
});
