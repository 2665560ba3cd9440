// In production every process refuses to start without the secrets and settings it needs, and names each one
// (security review, item 4). Each entry point runs as its own process, as `npm start` and Docker run it.
import { NodeChild, withTimeout } from '@metropotes/test-kit';

const PROCESSES: { name: string; entry: string; tsconfig: string; requires: string[] }[] = [
  {
    name: 'gateway',
    entry: 'gateway/src/index.ts',
    tsconfig: 'gateway/tsconfig.json',
    requires: [
      'MEMBERS_GATEWAY_SECRET',
      'EVENTS_GATEWAY_SECRET',
      'GUIDE_GATEWAY_SECRET',
      'MODERATION_GATEWAY_SECRET',
      'AUTH_PUBLIC_KEY',
      'SYSTEM_PUBLIC_KEY',
      'CORS_ORIGINS',
      'PUBLIC_URL',
    ],
  },
  {
    name: 'members',
    entry: 'services/members/src/index.ts',
    tsconfig: 'services/members/tsconfig.json',
    requires: ['MEMBERS_GATEWAY_SECRET', 'AUTH_PUBLIC_KEY', 'AUTH_PRIVATE_KEY', 'SYSTEM_PUBLIC_KEY', 'PUBLIC_URL'],
  },
  {
    name: 'events',
    entry: 'services/events/src/index.ts',
    tsconfig: 'services/events/tsconfig.json',
    requires: ['EVENTS_GATEWAY_SECRET', 'AUTH_PUBLIC_KEY', 'SYSTEM_PUBLIC_KEY', 'PUBLIC_URL', 'CALENDAR_FEED_KEY'],
  },
  {
    name: 'guide',
    entry: 'services/guide/src/index.ts',
    tsconfig: 'services/guide/tsconfig.json',
    requires: ['GUIDE_GATEWAY_SECRET', 'AUTH_PUBLIC_KEY', 'SYSTEM_PUBLIC_KEY', 'PUBLIC_URL'],
  },
  {
    name: 'moderation',
    entry: 'services/moderation/src/index.ts',
    tsconfig: 'services/moderation/tsconfig.json',
    requires: ['MODERATION_GATEWAY_SECRET', 'AUTH_PUBLIC_KEY', 'SYSTEM_PUBLIC_KEY', 'PUBLIC_URL'],
  },
  {
    name: 'workers',
    entry: 'services/workers/src/index.ts',
    tsconfig: 'services/workers/tsconfig.json',
    requires: ['SYSTEM_PRIVATE_KEY', 'PUBLIC_URL', 'SMTP_URL'],
  },
];

/** Nothing but production mode and addresses that lead nowhere: no secret, no key, no public address. */
const BARE = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
  REDIS_URL: 'redis://127.0.0.1:1',
  PUBLIC_URL: '',
  CORS_ORIGINS: '',
  SMTP_URL: '',
  CLOCK_START: '',
  ...Object.fromEntries(
    [
      'AUTH_PUBLIC_KEY',
      'AUTH_PRIVATE_KEY',
      'SYSTEM_PUBLIC_KEY',
      'SYSTEM_PRIVATE_KEY',
      'MEMBERS_GATEWAY_SECRET',
      'EVENTS_GATEWAY_SECRET',
      'GUIDE_GATEWAY_SECRET',
      'MODERATION_GATEWAY_SECRET',
      'CALENDAR_FEED_KEY',
    ].map((k) => [k, '']),
  ),
};

describe.each(PROCESSES)('$name in production', ({ entry, tsconfig, requires }) => {
  it('refuses to start without its secrets and settings, naming each one', async () => {
    const child = new NodeChild(entry, tsconfig, BARE);
    const exit = await withTimeout(child.exited, 30_000, `${entry} to stop`);
    expect(exit.code).toBe(78);
    for (const name of requires) expect(child.output).toMatch(new RegExp(`config error: ${name}: `));
  });
});

test('CLOCK_START is refused in production', async () => {
  const child = new NodeChild('services/events/src/index.ts', 'services/events/tsconfig.json', {
    ...BARE,
    EVENTS_GATEWAY_SECRET: 'a-secret-of-more-than-sixteen',
    AUTH_PUBLIC_KEY: 'pem',
    SYSTEM_PUBLIC_KEY: 'pem',
    PUBLIC_URL: 'https://metropotes.example.org',
    CLOCK_START: '2027-01-01T00:00:00Z',
  });
  const exit = await withTimeout(child.exited, 30_000, 'events to stop');
  expect(exit.code).toBe(78);
  expect(child.output).toContain('config error: CLOCK_START: development and tests only');
});
