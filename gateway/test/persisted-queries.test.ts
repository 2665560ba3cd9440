import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { createHash } from 'node:crypto';

describe('automatic persisted queries', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const post = async (body: object) => {
    const response = await fetch(system.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  };

  it('registers a query by its hash in Redis, then answers the hash alone', async () => {
    const query = '{ me { id } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };

    const unknown = await post({ extensions });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    expect(await post({ query, extensions })).toEqual({ data: { me: null } });
    expect(await post({ extensions })).toEqual({ data: { me: null } });

    // The registration lives in Redis under the run's prefix, so every gateway process shares it.
    const IORedis = (await import('ioredis')).default;
    const redis = new IORedis(system.redisUrl);
    const keys = await redis.keys(`${system.redisPrefix}:apq:*`);
    redis.disconnect();
    expect(keys.length).toBe(1);
  });
});
