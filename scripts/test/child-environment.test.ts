// `npm start` hands each process only the secrets it needs (security review, item 4).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** scripts/lib.mjs's childEnvironment, run by node itself (the script is an ES module jest does not load). */
function childEnvironment(name: string, env: Record<string, string>): Record<string, string> {
  const lib = resolve(__dirname, '../lib.mjs');
  const code = `import { childEnvironment } from ${JSON.stringify(lib)}; process.stdout.write(JSON.stringify(childEnvironment(process.argv[1], JSON.parse(process.argv[2]))));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code, name, JSON.stringify(env)], { encoding: 'utf8' }));
}

const everything = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://metropotes.example.org',
  AUTH_PUBLIC_KEY: 'member-public',
  AUTH_PRIVATE_KEY: 'member-private',
  SYSTEM_PUBLIC_KEY: 'system-public',
  SYSTEM_PRIVATE_KEY: 'system-private',
  MEMBERS_GATEWAY_SECRET: 'members-secret',
  EVENTS_GATEWAY_SECRET: 'events-secret',
  GUIDE_GATEWAY_SECRET: 'guide-secret',
  MODERATION_GATEWAY_SECRET: 'moderation-secret',
  DATABASE_URL: 'postgres://app:pw@db/metropotes',
  EVENTS_DATABASE_URL: 'postgres://events:pw@db/metropotes',
  SMTP_URL: 'smtp://user:pw@mail:587',
  CALENDAR_FEED_KEY: 'calendar-feed-key',
};
const secrets = (name: string) =>
  Object.keys(childEnvironment(name, everything))
    .filter((k) => /PRIVATE|SECRET|DATABASE_URL|SMTP_URL|CALENDAR_FEED_KEY/.test(k))
    .sort();

test('each process gets only its own secrets', () => {
  expect(secrets('members')).toEqual(['AUTH_PRIVATE_KEY', 'DATABASE_URL', 'MEMBERS_GATEWAY_SECRET']);
  expect(secrets('events')).toEqual(['CALENDAR_FEED_KEY', 'DATABASE_URL', 'EVENTS_DATABASE_URL', 'EVENTS_GATEWAY_SECRET']);
  expect(secrets('guide')).toEqual(['DATABASE_URL', 'GUIDE_GATEWAY_SECRET']);
  expect(secrets('moderation')).toEqual(['DATABASE_URL', 'MODERATION_GATEWAY_SECRET']);
  expect(secrets('workers')).toEqual(['DATABASE_URL', 'SMTP_URL', 'SYSTEM_PRIVATE_KEY']);
  expect(secrets('gateway')).toEqual(['EVENTS_GATEWAY_SECRET', 'GUIDE_GATEWAY_SECRET', 'MEMBERS_GATEWAY_SECRET', 'MODERATION_GATEWAY_SECRET']);
  // Public settings reach everyone.
  for (const name of ['members', 'events', 'guide', 'moderation', 'workers', 'gateway']) {
    expect(childEnvironment(name, everything)).toMatchObject({
      NODE_ENV: 'production',
      AUTH_PUBLIC_KEY: 'member-public',
      SYSTEM_PUBLIC_KEY: 'system-public',
    });
  }
});
