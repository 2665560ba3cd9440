/**
 * PostgreSQL or Redis going away under a service: requests fail fast with a clear error, other services keep
 * answering, nothing is half-written, and everything recovers when the dependency comes back. The real servers
 * are never stopped: each service under test reaches them through a loopback proxy that the test cuts.
 */
import { startTestSystem, TcpProxy, viaProxy, type TestSystem } from '@metropotes/test-kit';

describe('a database that stops and comes back', () => {
  const proxy = new TcpProxy('127.0.0.1', 5432);
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
  const proxy = new TcpProxy('127.0.0.1', 6379);
  let system: TestSystem;
  beforeAll(async () => {
    await proxy.start();
    system = await startTestSystem({ env: (env) => ({ REDIS_URL: viaProxy(env.REDIS_URL!, proxy) }) });
  });
  afterAll(async () => {
    await system?.stop();
    await proxy.stop();
  });

  it('keeps reads going, erases an account at once whose job waits in the outbox, and relays the job once Redis is back', async () => {
    const member = await system.signUp();
    // Members has used its job queue before (connected): Redis going down makes enqueues fail at once.
    await system.subgraphs.members.deps.jobs.queue('fanout').waitUntilReady();
    await proxy.cut();

    const read = await system.gql<{ me: { id: string } }>('{ me { id } agenda { totalCount } }', {}, member.token);
    expect(read.errors).toBeUndefined();
    expect(read.data?.me.id).toBe(member.id);

    // Deleting an account tells the other services with a job: written in members.job_outbox with the erasure,
    // it does not need Redis at once.
    const erase = await system.gql(`mutation { deleteMyAccount(password: "${member.password}") }`, {}, member.token);
    expect(erase.errors).toBeUndefined();
    const row = await system.db.query('SELECT email, deleted_at IS NOT NULL AS deleted FROM members.members WHERE id = $1', [member.id]);
    expect(row.rows[0]).toEqual({ email: null, deleted: true });
    // The sessions are closed in PostgreSQL even though Redis did not take the new session version.
    const refreshed = await system.gql(`mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: member.refreshToken });
    expect(refreshed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.db.query('SELECT session_version FROM members.members WHERE id = $1', [member.id])).rows[0].session_version).toBe(1);
    const outbox = async () =>
      (await system.db.query(`SELECT enqueued_at IS NOT NULL AS enqueued FROM members.job_outbox WHERE job_id = $1`, [`member-erased-${member.id}`])).rows;
    expect(await outbox()).toEqual([{ enqueued: false }]);

    // Back up: the members service's periodic relay sends the job.
    await proxy.restore();
    let sent = false;
    for (let i = 0; i < 60 && !sent; i += 1) {
      sent = (await outbox())[0]?.enqueued === true;
      if (!sent) await new Promise((r) => setTimeout(r, 250));
    }
    expect(sent).toBe(true);
    const job = await system.subgraphs.members.deps.jobs.queue('fanout').getJob(`member-erased-${member.id}`);
    expect(job).toMatchObject({ name: 'member.erased', data: { memberId: member.id } });
  });
});
