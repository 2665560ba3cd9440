/**
 * Strict rate limits count every occurrence of a limited field, wherever it sits in the operation (aliases, inline
 * fragments, named fragments spread inside others), and `logIn` is limited per account as well as per IP. Each case
 * comes from its own address (X-Forwarded-For, trusted from loopback), so that cases do not share a budget.
 */
import { errorCodes, postGraphQL, startTestSystem, type GraphQLResponse, type TestSystem } from '@metropotes/test-kit';
import { createHash } from 'node:crypto';
import IORedis from 'ioredis';
import { accountKey, DEFAULT_RATE_LIMITS } from '../src/security/rate-limit';

const LOG_IN = (alias: string, email = 'personne@example.org') =>
  `${alias}: logIn(email: "${email}", password: "pas-le-bon-mot-de-passe") { accessToken }`;
const aliases = (n: number, prefix = 'l') => Array.from({ length: n }, (_, i) => LOG_IN(`${prefix}${i}`)).join(' ');

describe('strict rate limits count every occurrence of a limited field', () => {
  let system: TestSystem;
  let ip = 0;
  beforeAll(async () => {
    system = await startTestSystem({
      gateway: {
        rateLimits: {
          ...DEFAULT_RATE_LIMITS,
          anonymousPerIp: { points: 1000, durationSeconds: 60 },
          logIn: { points: 3, durationSeconds: 60 },
          logInPerAccount: { points: 1000, durationSeconds: 60 },
        },
      },
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** A request from a new address each time the test asks for one. */
  const fromNewAddress = () => {
    ip += 1;
    const headers = { 'x-forwarded-for': `203.0.113.${ip}` };
    return <T>(query: string, variables: Record<string, unknown> = {}) => postGraphQL<T>(system.url, query, variables, { headers });
  };
  /** Refused by the service (a wrong password), not by the limit. Mutations run one after the other: the first error stops them. */
  const expectNotLimited = (response: GraphQLResponse<unknown>) => {
    expect(response.status).not.toBe(429);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  };
  const expectLimited = (response: GraphQLResponse<unknown>) => {
    expect(response.status).toBe(429);
    expect(errorCodes(response)).toEqual(['RATE_LIMITED']);
    expect(response.errors![0]!.message).toMatch(/^Trop de demandes : réessayez dans/);
  };

  it('counts aliases: three pass, four in one request are refused', async () => {
    const send = fromNewAddress();
    expectNotLimited(await send(`mutation { ${aliases(3)} }`));
    expectLimited(await fromNewAddress()(`mutation { ${aliases(4)} }`));
  });

  it('counts fields inside inline fragments, with or without a type condition', async () => {
    expectLimited(await fromNewAddress()(`mutation { ... on Mutation { ${aliases(2)} } ... { ${aliases(2, 'm')} } }`));
  });

  it('counts fields inside named fragments, including fragments spread inside fragments', async () => {
    const send = fromNewAddress();
    const limited = await send(
      `mutation { ...Outer }
       fragment Outer on Mutation { ${LOG_IN('a')} ...Inner }
       fragment Inner on Mutation { ${LOG_IN('b')} ... on Mutation { ...Deepest } }
       fragment Deepest on Mutation { ${LOG_IN('c')} ${LOG_IN('d')} }`,
    );
    expectLimited(limited);
  });

  it('adds up across requests whatever their shape', async () => {
    const send = fromNewAddress();
    expectNotLimited(await send(`mutation { ...F } fragment F on Mutation { ${aliases(2)} }`));
    expectNotLimited(await send(`mutation { ... { ${LOG_IN('x')} } }`));
    expectLimited(await send(`mutation { ${LOG_IN('y')} }`));
  });
});

describe('logIn is limited per account as well as per IP', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({
      gateway: {
        rateLimits: {
          ...DEFAULT_RATE_LIMITS,
          anonymousPerIp: { points: 1000, durationSeconds: 60 },
          logIn: { points: 100, durationSeconds: 60 },
          logInPerAccount: { points: 3, durationSeconds: 60 },
        },
      },
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const from =
    (address: string) =>
    <T>(query: string, variables: Record<string, unknown> = {}) =>
      postGraphQL<T>(system.url, query, variables, { headers: { 'x-forwarded-for': address } });
  const LOG_IN_VARS = `mutation L($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }`;

  it('counts the attempts on one address from several IPs, however the address is written, and hashes it in Redis', async () => {
    const member = await system.signUp({ email: 'Awa.Diallo@Example.org' });
    const normalised = 'awa.diallo@example.org';
    // Three wrong passwords from three IPs, the address written three ways (inline, variables, a default value).
    expect(errorCodes(await from('198.51.100.1')(`mutation { ${LOG_IN('a', 'AWA.DIALLO@example.org')} }`))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await from('198.51.100.2')(LOG_IN_VARS, { email: '  awa.diallo@EXAMPLE.org ', password: 'pas-le-bon' }))).toEqual([
      expect.any(String),
    ]);
    expect(
      errorCodes(
        await from('198.51.100.3')(
          `mutation L($email: String = "Awa.Diallo@example.org") { ... on Mutation { logIn(email: $email, password: "pas-le-bon") { accessToken } } }`,
        ),
      ),
    ).toEqual(['UNAUTHENTICATED']);
    // The fourth, from yet another IP and with the right password, is refused: the account's budget is spent.
    const fourth = await from('198.51.100.4')(LOG_IN_VARS, { email: member.email, password: member.password });
    expect(fourth.status).toBe(429);
    expect(errorCodes(fourth)).toEqual(['RATE_LIMITED']);
    expect(fourth.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);
    // Another account, from the same IP, still signs in.
    const other = await system.signUp();
    const otherLogIn = await from('198.51.100.4')(LOG_IN_VARS, { email: other.email, password: other.password });
    expect(otherLogIn.errors).toBeUndefined();

    // No address sits in Redis in clear, nor its plain SHA-256 (a guess could be tested): the key is keyed-hashed.
    const redis = new IORedis(system.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${system.redisPrefix}:ratelimit:*`, 'COUNT', 500);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      expect(keys.some((key) => key.includes(accountKey(normalised, system.env.MEMBERS_GATEWAY_SECRET!)))).toBe(true);
      expect(keys.some((key) => key.includes(createHash('sha256').update(normalised).digest('hex')))).toBe(false);
      for (const key of keys) expect(key.toLowerCase()).not.toMatch(/@|example\.org|awa/);
    } finally {
      redis.disconnect();
    }
  });
});
