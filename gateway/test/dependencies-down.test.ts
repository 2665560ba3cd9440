/**
 * PostgreSQL or Redis going away under a service: requests fail fast with a clear error, other services keep
 * answering, nothing is half-written, and everything recovers when the dependency comes back. The real servers
 * are never stopped: each service under test reaches them through a loopback proxy that the test cuts.
 */
import { startTestSystem, TcpProxy, testDatabaseServerUrl, testRedisUrl, viaProxy, type TestSystem } from '@metropotes/test-kit';

describe('a database that stops and comes back', () => {
  const proxy = TcpProxy.to(testDatabaseServerUrl());
  let system: TestSystem;
  beforeAll(async () => {
    await proxy.start();
    system = await startTestSystem({ env: (env) => ({ EVENTS_DATABASE_URL: viaProxy(env.DATABASE_URL!, proxy) }) });
  });
  afterAll(async () => {
    await system?.stop();
    await proxy.stop();
  });

  it('fails fast with SERVICE_UNAVAILABLE naming the service, keeps the others up, and recovers', async () => {
    const agenda = '{ agenda { totalCount } }';
    expect((await system.gql(agenda)).errors).toBeUndefined();

    await proxy.cut();
    const started = Date.now();
    const down = await system.gql(agenda);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(down.errors?.[0]).toMatchObject({
      message: 'Le service est momentanément indisponible. Réessayez dans un instant.',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'events' },
    });
    // Members, on the same server but not behind the cut, still answers.
    expect((await system.gql('{ territories { code } }')).errors).toBeUndefined();
    const ready = await fetch(`${system.subgraphs.events.url.replace('/graphql', '/ready')}`);
    expect(ready.status).toBe(503);

    await proxy.restore();
    let recovered = false;
    for (let i = 0; i < 40 && !recovered; i += 1) {
      recovered = (await system.gql(agenda)).errors === undefined;
      if (!recovered) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(true);
  });
});

describe('a Redis that stops', () => {
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

  it('keeps reads going, refuses an erasure whole while Redis cannot revoke its sessions, and erases once Redis is back', async () => {
    const member = await system.signUp();
    const staff = await system.signUp({ role: 'STAFF' });
    const start = new Date(system.clock.now().getTime() + 7 * 24 * 3_600_000);
    start.setUTCSeconds(0, 0);
    const created = await system.gql<{ createEvent: { id: string } }>(
      `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Atelier réparation',
          kind: 'FORMATION',
          capacity: 10,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
          venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
        },
      },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    const eventId = created.data!.createEvent.id;
    // Members has used its job queue before (connected): Redis going down makes its writes fail at once.
    await system.subgraphs.members.deps.jobs.queue('fanout').waitUntilReady();
    await proxy.cut();

    const read = await system.gql<{ me: { id: string } }>('{ me { id } agenda { totalCount } }', {}, member.token);
    expect(read.errors).toBeUndefined();
    expect(read.data?.me.id).toBe(member.id);

    // Deleting an account publishes the new session version (the access tokens already issued stop working): with
    // Redis refusing it, the erasure is refused whole.
    const outbox = async () =>
      (await system.db.query(`SELECT enqueued_at IS NOT NULL AS enqueued FROM members.job_outbox WHERE job_id = $1`, [`member-erased-${member.id}`]))
        .rows;
    const erase = () => system.gql(`mutation { deleteMyAccount(password: "${member.password}") }`, {}, member.token);
    const refused = await erase();
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Réessayez dans un instant.'),
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    const row = await system.db.query('SELECT email, deleted_at, session_version FROM members.members WHERE id = $1', [member.id]);
    expect(row.rows[0]).toEqual({ email: member.email, deleted_at: null, session_version: 0 });
    expect(await outbox()).toEqual([]);
    const live = await system.db.query('SELECT count(*)::int AS n FROM members.refresh_tokens WHERE member_id = $1 AND revoked_at IS NULL', [
      member.id,
    ]);
    expect(live.rows[0].n).toBeGreaterThan(0);

    // Back up: the same request goes through, and its job is relayed.
    await proxy.restore();
    let erased = false;
    for (let i = 0; i < 40 && !erased; i += 1) {
      erased = !(await erase()).errors;
      if (!erased) await new Promise((r) => setTimeout(r, 250));
    }
    expect(erased).toBe(true);
    expect(
      (await system.db.query('SELECT email, deleted_at IS NOT NULL AS deleted FROM members.members WHERE id = $1', [member.id])).rows[0],
    ).toEqual({
      email: null,
      deleted: true,
    });
    expect(await outbox()).toEqual([{ enqueued: true }]);
    const job = await system.subgraphs.members.deps.jobs.queue('fanout').getJob(`member-erased-${member.id}`);
    expect(job).toMatchObject({ name: 'member.erased', data: { memberId: member.id } });

    // The erased member's access token no longer works: nothing they could write afterwards escapes the erasure.
    const late = await system.gql(`mutation R($id: ID!) { registerForEvent(eventId: $id) { id } }`, { id: eventId }, member.token);
    expect(late.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refreshed = await system.gql(`mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: member.refreshToken });
    expect(refreshed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.db.query('SELECT count(*)::int AS n FROM events.registrations WHERE member_id = $1', [member.id])).rows[0].n).toBe(0);
  });
});
