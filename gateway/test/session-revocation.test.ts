/**
 * Session versions: a member suspended, banned or whose role changed loses their access tokens at once, not when
 * they expire. Through the real gateway, subgraphs, Postgres and Redis.
 */
import { sessionVersionKey } from '@metropotes/auth';
import { createLogger } from '@metropotes/config';
import { errorCodes, startTestSystem, TcpProxy, testRedisUrl, viaProxy, type TestMember, type TestSystem } from '@metropotes/test-kit';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createSessionRevocationCheck } from '../src/session-revocation';
import { TrackedSessionVersions } from '../src/session-versions';

const ME = `query { me { id role } }`;
const CREATE_EVENT = `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
const REGISTER = `mutation R($eventId: ID!) { registerForEvent(eventId: $eventId) { id } }`;
const APPLY = `mutation A($input: ApplyModerationActionInput!) { applyMemberModerationAction(input: $input) { decisionId } }`;
const SET_ROLE = `mutation S($memberId: ID!, $role: MemberRole!) { setMemberRole(memberId: $memberId, role: $role) { id role } }`;
const REFRESH = `mutation F($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken refreshToken } }`;
const NEWCOMERS = `query { newcomers(first: 1) { totalCount } }`;

function eventInput(title: string, now: Date) {
  const start = new Date(now.getTime() + 10 * 24 * 3600 * 1000);
  start.setUTCSeconds(0, 0);
  return {
    title,
    kind: 'ATELIER',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
    venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
  };
}

describe('session versions: closed sessions lose their access tokens at once', () => {
  let system: TestSystem;
  let admin: TestMember;
  let staff: TestMember;
  let eventId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    admin = await system.signUp({ role: 'ADMIN' });
    staff = await system.signUp({ role: 'STAFF' });
    const created = await system.gql<{ createEvent: { id: string } }>(
      CREATE_EVENT,
      { input: eventInput('Atelier compost', system.clock.now()) },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    eventId = created.data!.createEvent.id;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const suspend = async (memberId: string) => {
    const res = await system.gql(
      APPLY,
      {
        input: {
          targetType: 'MEMBER',
          targetId: memberId,
          action: 'SUSPEND',
          decisionId: randomUUID(),
          suspendedUntil: new Date(system.clock.now().getTime() + 7 * 24 * 3600 * 1000).toISOString(),
          reason: 'Propos injurieux',
        },
      },
      await system.systemToken(),
    );
    expect(res.errors).toBeUndefined();
  };

  it('a suspended member’s still-valid access token is refused at once (events write, members read); others keep working', async () => {
    const member = await system.signUp();
    const bystander = await system.signUp();
    // The token works before.
    expect((await system.gql<{ me: { id: string } }>(ME, {}, member.token)).data!.me.id).toBe(member.id);
    const before = await system.gql(CREATE_EVENT, { input: eventInput('Balade urbaine', system.clock.now()) }, member.token);
    expect(before.errors).toBeUndefined();

    await suspend(member.id);

    const me = await system.gql(ME, {}, member.token);
    expect(me.status).toBe(401);
    expect(errorCodes(me)).toEqual(['UNAUTHENTICATED']);
    expect(me.errors![0]!.message).toBe('Votre session a été fermée : reconnectez-vous.');
    const write = await system.gql(CREATE_EVENT, { input: eventInput('Réunion de quartier', system.clock.now()) }, member.token);
    expect(write.status).toBe(401);
    expect(errorCodes(write)).toEqual(['UNAUTHENTICATED']);
    const register = await system.gql(REGISTER, { eventId }, member.token);
    expect(errorCodes(register)).toEqual(['UNAUTHENTICATED']);
    // Nothing was written in events by the refused call.
    const rows = await system.db.query(`SELECT count(*)::int AS n FROM events.events WHERE title = 'Réunion de quartier'`);
    expect(rows.rows[0].n).toBe(0);

    // The version is in Postgres, and in Redis for the lifetime of access tokens (plus a minute).
    const stored = await system.db.query(`SELECT session_version FROM members.members WHERE id = $1`, [member.id]);
    expect(stored.rows[0].session_version).toBe(1);
    const redis = new IORedis(system.redisUrl);
    try {
      const key = sessionVersionKey(system.redisPrefix, member.id);
      expect(await redis.get(key)).toBe('1');
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(15 * 60);
      expect(ttl).toBeLessThanOrEqual(16 * 60);
    } finally {
      redis.disconnect();
    }

    // Another member is not affected; the suspended member cannot get a new token either.
    expect((await system.gql<{ me: { id: string } }>(ME, {}, bystander.token)).data!.me.id).toBe(bystander.id);
    expect((await system.gql(REGISTER, { eventId }, bystander.token)).errors).toBeUndefined();
    expect(errorCodes(await system.gql(REFRESH, { refreshToken: member.refreshToken }))).toEqual(['UNAUTHENTICATED']);
  });

  it('a member demoted from STAFF loses the staff token at once; after refreshing, the new token works with the new role', async () => {
    const demoted = await system.signUp({ role: 'STAFF' });
    expect((await system.gql(NEWCOMERS, {}, demoted.token)).errors).toBeUndefined();

    const res = await system.gql<{ setMemberRole: { role: string } }>(SET_ROLE, { memberId: demoted.id, role: 'MEMBER' }, admin.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.setMemberRole.role).toBe('MEMBER');

    const old = await system.gql(NEWCOMERS, {}, demoted.token);
    expect(old.status).toBe(401);
    expect(errorCodes(old)).toEqual(['UNAUTHENTICATED']);
    // The staff-only queues board, on the gateway, refuses it too.
    const board = await fetch(`${system.origin}/admin/queues`, { headers: { authorization: `Bearer ${demoted.token}` } });
    expect(board.status).toBe(401);
    expect(await board.text()).toBe('Votre session a été fermée : reconnectez-vous.');

    const refreshed = await system.gql<{ refreshSession: { accessToken: string } }>(REFRESH, { refreshToken: demoted.refreshToken });
    expect(refreshed.errors).toBeUndefined();
    const token = refreshed.data!.refreshSession.accessToken;
    expect((await system.gql<{ me: { role: string } }>(ME, {}, token)).data!.me).toEqual({ id: demoted.id, role: 'MEMBER' });
    expect(errorCodes(await system.gql(NEWCOMERS, {}, token))).toEqual(['FORBIDDEN']);
    expect((await system.gql(REGISTER, { eventId }, token)).errors).toBeUndefined();
  });

  it('setting the role a member already has changes nothing: their token keeps working', async () => {
    const member = await system.signUp({ role: 'STAFF' });
    const res = await system.gql(SET_ROLE, { memberId: member.id, role: 'STAFF' }, admin.token);
    expect(res.errors).toBeUndefined();
    expect((await system.gql(NEWCOMERS, {}, member.token)).errors).toBeUndefined();
    const stored = await system.db.query(`SELECT session_version FROM members.members WHERE id = $1`, [member.id]);
    expect(stored.rows[0].session_version).toBe(0);
    // The admin's own token is untouched by changing someone else's role.
    expect((await system.gql(NEWCOMERS, {}, admin.token)).errors).toBeUndefined();
  });

  it('a password reset closes the sessions: the access token issued before is refused', async () => {
    const member = await system.signUp();
    const token = 'reset-token-for-test-' + randomUUID();
    const { createHash } = await import('node:crypto');
    await system.db.query(
      `INSERT INTO members.account_tokens (member_id, purpose, token_hash, expires_at) VALUES ($1, 'PASSWORD_RESET', $2, now() + interval '1 hour')`,
      [member.id, createHash('sha256').update(token).digest('hex')],
    );
    const reset = await system.gql(`mutation R($token: String!, $p: String!) { resetPassword(token: $token, newPassword: $p) { id } }`, {
      token,
      p: 'Un-autre-mot-de-passe-2026!',
    });
    expect(reset.errors).toBeUndefined();
    expect(errorCodes(await system.gql(ME, {}, member.token))).toEqual(['UNAUTHENTICATED']);
    const logIn = await system.gql<{ logIn: { accessToken: string } }>(
      `mutation L($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }`,
      { email: member.email, password: 'Un-autre-mot-de-passe-2026!' },
    );
    expect(logIn.errors).toBeUndefined();
    expect((await system.gql<{ me: { id: string } }>(ME, {}, logIn.data!.logIn.accessToken)).data!.me.id).toBe(member.id);
  });
});

describe('the gateway’s session check when Redis does not answer', () => {
  it('lets the request through and logs one warning (the signature and expiry still bound the token)', async () => {
    // A real client to a port where nothing listens.
    const redis = new IORedis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    const warnings: unknown[] = [];
    const logger = createLogger('test', 'silent');
    logger.warn = ((...args: unknown[]) => void warnings.push(args)) as typeof logger.warn;
    const versions = new TrackedSessionVersions(redis, 'test-down', logger);
    const isRevoked = createSessionRevocationCheck(versions, logger);
    const viewer = { kind: 'member' as const, memberId: randomUUID(), role: 'MEMBER' as const, sessionVersion: 0 };
    const started = Date.now();
    expect(await isRevoked(viewer)).toBe(false);
    expect(await isRevoked(viewer)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(warnings).toHaveLength(1);
    // Anonymous and system callers never touch Redis.
    expect(await isRevoked({ kind: 'anonymous' })).toBe(false);
    expect(await isRevoked({ kind: 'system' })).toBe(false);
    expect(warnings).toHaveLength(1);
    await versions.stop();
    redis.disconnect();
  });
});

describe('session versions when Redis is down', () => {
  const proxy = TcpProxy.to(testRedisUrl());
  let system: TestSystem;
  beforeAll(async () => {
    await proxy.start();
    system = await startTestSystem({ env: (env) => ({ REDIS_URL: viaProxy(env.REDIS_URL!, proxy) }) });
  });
  afterAll(async () => {
    await system?.stop();
    await proxy.stop();
  });

  it('member tokens keep working; a role change or a suspension fails whole and can be retried once Redis is back', async () => {
    const admin = await system.signUp({ role: 'ADMIN' });
    const member = await system.signUp();
    await proxy.cut();

    // The gateway cannot read session versions: reads go on (signature and expiry only); members' writes would not.
    expect((await system.gql<{ me: { id: string } }>(ME, {}, member.token)).data!.me.id).toBe(member.id);

    const role = await system.gql(SET_ROLE, { memberId: member.id, role: 'STAFF' }, admin.token);
    expect(errorCodes(role)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(role.errors![0]!.message).toMatch(/rien n'a changé\. Réessayez/);
    const suspension = {
      targetType: 'MEMBER',
      targetId: member.id,
      action: 'SUSPEND',
      decisionId: randomUUID(),
      suspendedUntil: new Date(system.clock.now().getTime() + 24 * 3600 * 1000).toISOString(),
      // Decided by the admin: once the member is STAFF (the retried role change below), only an admin may suspend them.
      decidedByRole: 'ADMIN',
    };
    const suspend = await system.gql(APPLY, { input: suspension }, await system.systemToken());
    expect(errorCodes(suspend)).toEqual(['SERVICE_UNAVAILABLE']);
    const row = await system.db.query(`SELECT role, suspended_until, session_version FROM members.members WHERE id = $1`, [member.id]);
    expect(row.rows[0]).toEqual({ role: 'MEMBER', suspended_until: null, session_version: 0 });
    expect((await system.db.query(`SELECT count(*)::int AS n FROM members.moderation_applications`)).rows[0].n).toBe(0);

    await proxy.restore();
    let retried = role;
    for (let i = 0; i < 40 && retried.errors; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      retried = await system.gql(SET_ROLE, { memberId: member.id, role: 'STAFF' }, admin.token);
    }
    expect(retried.errors).toBeUndefined();
    expect(errorCodes(await system.gql(ME, {}, member.token))).toEqual(['UNAUTHENTICATED']);
    // The same decision, retried (as the workers would), now takes effect.
    const again = await system.gql(APPLY, { input: suspension }, await system.systemToken());
    expect(again.errors).toBeUndefined();
    expect(
      (await system.db.query(`SELECT suspended_until IS NOT NULL AS suspended FROM members.members WHERE id = $1`, [member.id])).rows[0].suspended,
    ).toBe(true);
  });
});
