/**
 * The gateway keeps members' session versions while Redis tracks them for it (client-side caching): a version read
 * once is answered from the process until Redis says it changed; losing a connection falls back to a GET per read.
 * Real Redis, a TCP proxy to cut it.
 */
import { sessionVersionKey } from '@metropotes/auth';
import { createLogger } from '@metropotes/config';
import { TcpProxy, testRedisUrl, viaProxy } from '@metropotes/test-kit';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { TrackedSessionVersions } from '../src/session-versions';

const until = async (what: string, condition: () => boolean | Promise<boolean>, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still not ${what} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('TrackedSessionVersions', () => {
  const prefix = `test-sv-${randomUUID()}`;
  const proxy = TcpProxy.to(testRedisUrl());
  let client: IORedis;
  let monitor: IORedis;
  /** The GETs of this test's session-version keys that Redis itself saw (MONITOR). */
  const gets: string[] = [];
  let gateway: IORedis;
  let versions: TrackedSessionVersions;

  /** How many GETs Redis saw while `read` ran (a marker GET tells when Redis has seen the rest). */
  const getsDuring = async (read: () => Promise<unknown>) => {
    const before = gets.filter((key) => !key.endsWith('marker')).length;
    await read();
    const marker = `${sessionVersionKey(prefix, randomUUID())}marker`;
    await client.get(marker);
    await until('seen by MONITOR', () => gets.includes(marker));
    return gets.filter((key) => !key.endsWith('marker')).length - before;
  };

  /**
   * Reads `member`'s version until one read costs no GET (the version is kept), and checks it. A read whose GET was in
   * flight when an invalidation arrived (the SET that just wrote it, say) rightly does not keep its answer.
   */
  const kept = async (member: string, version: string | null) => {
    await until('kept', async () => (await getsDuring(() => versions.read(member, 1_000))) === 0);
    expect(await versions.read(member, 1_000)).toBe(version);
  };

  beforeAll(async () => {
    await proxy.start();
    client = new IORedis(testRedisUrl());
    monitor = await new IORedis(testRedisUrl()).monitor();
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (String(args[0]).toLowerCase() === 'get' && String(args[1]).startsWith(`${prefix}:`)) gets.push(String(args[1]));
    });
    gateway = new IORedis(viaProxy(testRedisUrl(), proxy), { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    gateway.on('error', () => undefined);
    versions = new TrackedSessionVersions(gateway, prefix, createLogger('test', 'silent'), { heartbeatMs: 200, heartbeatTimeoutMs: 500 });
    await versions.start();
  });

  afterAll(async () => {
    await versions?.stop();
    gateway?.disconnect();
    monitor?.disconnect();
    client?.disconnect();
    await proxy.stop();
  });

  it('reads a version once, then answers from the process until Redis says it changed', async () => {
    expect(versions.isTracking()).toBe(true);
    const member = randomUUID();
    expect(await getsDuring(() => versions.read(member, 1_000))).toBe(1);
    let answer: string | null = 'not read';
    expect(await getsDuring(async () => (answer = await versions.read(member, 1_000)))).toBe(0);
    expect(answer).toBeNull();

    // Members closes the session: Redis tells the process, which reads the new version (once) and keeps it.
    await client.set(sessionVersionKey(prefix, member), '2', 'EX', 60);
    await until('seeing version 2', async () => (await versions.read(member, 1_000)) === '2');
    await kept(member, '2');

    // Another member's change does not touch this one's version; the key's expiry or deletion is told too.
    const other = randomUUID();
    await client.set(sessionVersionKey(prefix, other), '1');
    await client.del(sessionVersionKey(prefix, member));
    await until('seeing the deletion', async () => (await versions.read(member, 1_000)) === null);
    expect(await versions.read(other, 1_000)).toBe('1');
  });

  it('a lost connection empties what it kept and reads Redis each time, until tracking is back', async () => {
    const member = randomUUID();
    await client.set(sessionVersionKey(prefix, member), '1', 'EX', 60);
    await kept(member, '1');

    await proxy.cut();
    await until('forgetting', () => !versions.isTracking());
    // Meanwhile the version changes: nothing the process kept answers any more (Redis is unreachable: an error).
    await client.set(sessionVersionKey(prefix, member), '5', 'EX', 60);
    await expect(versions.read(member, 500)).rejects.toThrow();

    await proxy.restore();
    await until('tracking again', () => versions.isTracking() && gateway.status === 'ready', 15_000);
    expect(await versions.read(member, 1_000)).toBe('5');
    await kept(member, '5');
  });

  it('a path that goes silent without closing is found by the heartbeat; what was kept is forgotten', async () => {
    const member = randomUUID();
    await client.set(sessionVersionKey(prefix, member), '1', 'EX', 60);
    await until('tracking', () => versions.isTracking(), 15_000);
    await kept(member, '1');

    // The network path goes silent (no reset, as when a peer vanishes): invalidations could be lost without a word.
    proxy.freeze();
    await client.set(sessionVersionKey(prefix, member), '4', 'EX', 60);
    await until('forgetting', () => !versions.isTracking());
    // Tracking is set up again on new connections (they pass); nothing kept survived: the stale '1' is never answered.
    // The gateway's own connection is still silent, so the read fails (the session check then says 'unknown').
    await until('tracking again', () => versions.isTracking(), 15_000);
    await expect(versions.read(member, 300)).rejects.toThrow();
  });
});
