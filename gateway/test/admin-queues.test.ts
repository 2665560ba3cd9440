import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';

describe('the queues board', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('is for staff only', async () => {
    const page = (token?: string) => fetch(`${system.origin}/admin/queues`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await page()).status).toBe(401);
    const member = await system.signUp();
    expect((await page(member.token)).status).toBe(403);
    const staff = await system.signUp({ role: 'STAFF' });
    const response = await page(staff.token);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<html/i);
    const api = await fetch(`${system.origin}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${staff.token}` } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(expect.arrayContaining(['fanout', 'mail', 'system']));
    // The same board under the web console's path (the site forwards it as it is), with the same checks.
    const consoleBoard = (path: string, token?: string, method = 'GET') =>
      fetch(`${system.origin}/equipe/files/tableau${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await consoleBoard('')).status).toBe(401);
    expect((await consoleBoard('', member.token)).status).toBe(403);
    const html = await (await consoleBoard('/', staff.token)).text();
    expect(html).toContain('<base href="/equipe/files/tableau/"');
    expect((await consoleBoard('/api/queues', staff.token)).status).toBe(200);
    expect((await consoleBoard('/api/queues/mail/clean/failed', staff.token, 'PUT')).status).toBe(403);
  });
});

/**
 * The board is read-only (staff look, nobody changes a job from it) and shows no payload: job data, return values,
 * failure reasons, stack traces, logs and scheduler templates are reduced to what holds no personal data or secret.
 */
describe('the queues board is read-only and shows no payload', () => {
  const SECRET = `jeton-secret-${randomUUID()}`;
  const memberId = randomUUID();
  let system: TestSystem;
  let staff: TestMember;
  let connection: IORedis;
  let queues: Record<'mail' | 'fanout' | 'system', Queue>;
  let waiting: Job;
  let delayed: Job;
  let completed: Job;
  let failed: Job;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    connection = new IORedis(system.redisUrl, { maxRetriesPerRequest: null });
    const queue = (name: string) => new Queue(name, { connection, prefix: system.redisPrefix });
    queues = { mail: queue('mail'), fanout: queue('fanout'), system: queue('system') };
    const payload = { template: 'password-reset', memberId, dedupeKey: `reset:${memberId}`, params: { token: SECRET } };
    waiting = await queues.mail.add('email.requested', payload);
    delayed = await queues.mail.add('email.requested', { ...payload, dedupeKey: 'autre' }, { delay: 3_600_000 });
    await queues.system.upsertJobScheduler('planning-test', { every: 3_600_000 }, { name: 'feeds.poll', data: { requestedAt: SECRET } });

    // A worker of the test's own, on fanout: one job completes with the secret in its return value, one fails with it
    // in its message; both log it.
    const worker = new Worker(
      'fanout',
      async (job) => {
        await job.log(`envoyé avec ${SECRET}`);
        if (job.name === 'member.erased') throw new Error(`échec pour ${SECRET}`);
        return { token: SECRET, memberId };
      },
      { connection: new IORedis(system.redisUrl, { maxRetriesPerRequest: null }), prefix: system.redisPrefix },
    );
    completed = await queues.fanout.add('event.cancelled', { eventId: randomUUID(), token: SECRET });
    failed = await queues.fanout.add('member.erased', { memberId, token: SECRET });
    for (let i = 0; i < 100; i += 1) {
      const states = await Promise.all([completed.getState(), failed.getState()]);
      if (states[0] === 'completed' && states[1] === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await worker.close();
    expect(await completed.getState()).toBe('completed');
    expect(await failed.getState()).toBe('failed');
  });
  afterAll(async () => {
    for (const queue of Object.values(queues ?? {})) await queue.close();
    connection?.disconnect();
    await system?.stop();
  });

  const board = (path: string, method = 'GET', token = staff.token, body?: unknown) =>
    fetch(`${system.origin}/admin/queues${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('never shows a payload value that could hold personal data or a secret, in any board response', async () => {
    const paths = [
      '',
      '/api/queues',
      '/api/redis/stats',
      '/api/job-schedulers',
      '/api/job-schedulers?queueName=system',
      ...['mail', 'fanout', 'system'].flatMap((name) =>
        ['latest', 'waiting', 'delayed', 'completed', 'failed', 'active'].map(
          (status) => `/api/queues?activeQueue=${name}&status=${status}&page=1&jobsPerPage=50`,
        ),
      ),
      ...['mail', 'fanout', 'system'].flatMap((name) =>
        ['metrics?type=completed', 'default-job-options', 'workers', 'rate-limit', 'job-data-schema'].map((what) => `/api/queues/${name}/${what}`),
      ),
      ...[waiting, delayed].flatMap((job) => [`/api/queues/mail/${job.id}`, `/api/queues/mail/${job.id}/logs`, `/api/queues/mail/${job.id}/flow`]),
      ...[completed, failed].flatMap((job) => [
        `/api/queues/fanout/${job.id}`,
        `/api/queues/fanout/${job.id}/logs`,
        `/api/queues/fanout/${job.id}/flow`,
      ]),
    ];
    for (const path of paths) {
      const response = await board(path);
      const text = await response.text();
      expect({ path, leaks: text.includes(SECRET) }).toEqual({ path, leaks: false });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }

    // What the board still shows: names, ids, states, attempts, and the payload fields holding ids.
    const one = (await (await board(`/api/queues/fanout/${failed.id}`)).json()) as { job: Record<string, unknown>; status: string };
    expect(one.status).toBe('failed');
    expect(one.job).toMatchObject({ id: failed.id, name: 'member.erased', attempts: 1, isFailed: true, data: { memberId } });
    expect(one.job.data).not.toHaveProperty('token');
    const list = (await (await board('/api/queues?activeQueue=mail&status=waiting&page=1&jobsPerPage=50')).json()) as {
      queues: { name: string; readOnlyMode: boolean; allowRetries: boolean; jobs: { id: string; data: Record<string, unknown> }[] }[];
    };
    // Read-only mode: the board's own page hides every button that changes something.
    expect(list.queues.map((q) => [q.name, q.readOnlyMode, q.allowRetries])).toEqual(
      expect.arrayContaining([
        ['mail', true, false],
        ['fanout', true, false],
        ['system', true, false],
      ]),
    );
    const mail = list.queues.find((q) => q.name === 'mail')!;
    expect(mail.jobs.find((j) => j.id === waiting.id)!.data).toEqual({ memberId });
  });

  it('refuses every route that changes something, with 403, and nothing changes', async () => {
    const member = await system.signUp();
    const changes: [string, string, unknown?][] = [
      ['POST', '/api/queues/mail/add', { name: 'email.requested', data: { memberId } }],
      ['PUT', '/api/queues/pause'],
      ['PUT', '/api/queues/resume'],
      ['PUT', '/api/queues/fanout/retry/failed'],
      ['PUT', '/api/queues/fanout/retry/completed'],
      ['PUT', '/api/queues/mail/promote'],
      ['PUT', '/api/queues/fanout/clean/completed'],
      ['PUT', '/api/queues/fanout/clean/failed'],
      ['PUT', '/api/queues/mail/pause'],
      ['PUT', '/api/queues/mail/resume'],
      ['PUT', '/api/queues/mail/concurrency', { concurrency: 1 }],
      ['PUT', '/api/queues/mail/rate-limit', { max: 1, duration: 1000 }],
      ['PUT', '/api/queues/mail/rate-limit/release'],
      ['PUT', '/api/queues/mail/empty'],
      ['PUT', '/api/queues/mail/obliterate', { force: true }],
      ['PUT', '/api/queues/system/job-schedulers/planning-test/remove'],
      ['PATCH', '/api/queues/system/job-schedulers/planning-test', { every: 60_000 }],
      ['PUT', '/api/queues/system/job-schedulers/planning-test/run'],
      ['PUT', `/api/queues/fanout/${failed.id}/retry`],
      ['PUT', `/api/queues/fanout/${completed.id}/clean`],
      ['PUT', `/api/queues/mail/${delayed.id}/promote`],
      ['PATCH', `/api/queues/mail/${waiting.id}/update-data`, { data: { memberId: randomUUID() } }],
      ['PATCH', `/api/queues/mail/${delayed.id}/delay`, { delay: 1 }],
      ['PATCH', `/api/queues/mail/${waiting.id}/priority`, { priority: 1 }],
      ['PUT', `/api/queues/mail/${waiting.id}/remove-unprocessed-children`],
      ['POST', '/api/metrics/history/purge'],
      ['DELETE', `/api/queues/mail/${waiting.id}`],
    ];
    for (const [method, path, body] of changes) {
      const response = await board(path, method, staff.token, body);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
      expect(await response.text()).toBe("Le tableau des files de tâches est en lecture seule : rien n'a changé.");
      expect((await board(path, method, member.token, body)).status).toBe(403);
    }

    // Nothing changed.
    expect(await queues.mail.isPaused()).toBe(false);
    // (Signing members up adds verification e-mails to mail: no count there, but no job added by the board.)
    const mailJobs = await queues.mail.getJobs(['waiting', 'delayed', 'paused', 'prioritized']);
    expect(mailJobs.filter((job) => JSON.stringify(job.data) === JSON.stringify({ memberId }))).toEqual([]);
    expect(await queues.mail.getJob(waiting.id!).then((job) => job!.getState())).toBe('waiting');
    expect(await queues.fanout.getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 1 });
    expect(await (await queues.mail.getJob(waiting.id!))!.data).toMatchObject({ memberId, params: { token: SECRET } });
    expect(await queues.mail.getJob(delayed.id!).then((job) => job!.getState())).toBe('delayed');
    expect(await queues.system.getJobScheduler('planning-test')).toMatchObject({ every: 3_600_000 });
    expect(await queues.mail.getGlobalConcurrency()).toBeNull();
  });
});
