// `npm run dev`: builds once, then rebuilds on change (turbo watch) while every process restarts when its
// compiled output changes (node --watch).
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from './lib.mjs';

const build = spawnSync('npx', ['turbo', 'run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const watcher = spawn('npx', ['turbo', 'watch', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
const start = spawn(process.execPath, [resolve(ROOT, 'scripts/start.mjs')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, METROPOTES_WATCH: '1' },
});
const stop = () => {
  watcher.kill('SIGTERM');
  start.kill('SIGINT');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
start.on('exit', (code) => {
  watcher.kill('SIGTERM');
  process.exit(code ?? 0);
});
