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

describe('automatic persisted queries never keep a literal value', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('answers a document with a literal string but stores nothing of it in Redis (a token typed inline stays out)', async () => {
    const token = 'jeton-en-clair-0123456789abcdefghij';
    const query = `mutation { verifyEmail(token: "${token}") { id } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const response = await fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const IORedis = (await import('ioredis')).default;
    const redis = new IORedis(system.redisUrl);
    try {
      const keys = await redis.keys(`${system.redisPrefix}:*`);
      for (const key of keys) {
        const type = await redis.type(key);
        const dump = type === 'string' ? await redis.get(key) : type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : '';
        expect(`${key} ${dump}`).not.toContain(token);
      }
      expect(await redis.keys(`${system.redisPrefix}:apq:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
