import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

export const WEB_ROOT = join(__dirname, '..', '..');
const REPO_ROOT = join(WEB_ROOT, '..', '..');
export const SERVER_ENTRY = join(WEB_ROOT, 'dist', 'server', 'index.mjs');
const STAMP = join(WEB_ROOT, 'dist', 'build-inputs.sha256');
const LOCK = join(WEB_ROOT, '.build-lock');

/** What the build is made of: a change to any of these makes the build stale. */
const INPUTS = [
  'app',
  'server',
  'public',
  'server.ts',
  'vite.config.mts',
  'react-router.config.ts',
  'codegen.ts',
  'package.json',
  '../../packages/french-time/src',
  '../../packages/config/src',
  '../../packages/telemetry/src',
];

function filesOf(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .filter((name) => name !== 'generated')
    .flatMap((name) => filesOf(join(path, name)));
}

/** A hash of every input file's path and content. */
export function buildInputsHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesOf(join(WEB_ROOT, input))).sort()) {
    hash.update(relative(WEB_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the site (codegen + `react-router build`, as `npm run build` does) when its build is missing or older than
 * its sources, once: test files running side by side wait for the one that builds (a lock directory). A child
 * process, because Vite and the built server are ES modules and jest runs CommonJS.
 */
export async function ensureWebBuild(): Promise<void> {
  const wanted = buildInputsHash();
  const fresh = () => existsSync(SERVER_ENTRY) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted;
  if (fresh()) return;
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than 5 minutes was left by a killed run.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another build of the web site');
      await sleep(500);
      if (fresh()) return;
    }
  }
  try {
    if (fresh()) return;
    await promisify(execFile)('npm', ['run', 'build', '--silent'], {
      cwd: WEB_ROOT,
      env: { ...process.env, PATH: `${join(REPO_ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`, NODE_ENV: 'production' },
      maxBuffer: 32 * 1024 * 1024,
      timeout: 5 * 60_000,
    }).catch((error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`The web site's build failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    writeFileSync(STAMP, wanted);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
