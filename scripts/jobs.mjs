// `npm run jobs -- <command>`: runs one job of the workers on demand (digest, reminders, newcomer-nudges, preview-digest, staff-digest), with the same
// environment as `npm start` (.env, then the local keys in .keys/ outside production). See services/workers/src/cli.ts.
// Without --now, a command runs at the workers' clock: the real time, or CLOCK_START when set (never in production).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT, loadEnvironment } from './lib.mjs';

await loadEnvironment();
const result = spawnSync(process.execPath, [resolve(ROOT, 'services/workers/dist/cli.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
process.exit(result.status ?? 1);
