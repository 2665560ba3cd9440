// Shared by the benchmarks: child processes, readiness, medians, autocannon runs, RSS of a process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// autocannon is CommonJS without types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
  errors: number;
  timeouts: number;
}

export const ROOT = resolve(__dirname, '..');
export const log = (line: string) => console.log(line);

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** Runs at exit (success, failure or Ctrl-C), after the child processes are stopped. */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

let cleaning: Promise<void> | null = null;
export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await stopChildren();
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => console.error(`cleanup: ${error.message}`));
  })();
  return cleaning;
}

export class BenchError extends Error {
  override name = 'BenchError';
}

/** Stops the bench with a clear message (the main loop cleans up and exits 1). */
export function fail(message: string): never {
  throw new BenchError(message);
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      r(null);
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      r(null);
    });
  });
}

export async function stopChildren(): Promise<void> {
  for (const child of [...children].reverse()) await stopChild(child);
}

/** Starts a child process (killed at exit); its last stderr lines are printed if it dies with an error. */
export function run(name: string, command: string, commandArgs: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, commandArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // The last lines of its output (pino logs to stdout), printed if it dies with an error.
  let stderr = '';
  const keep = (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code && code !== 0) console.error(`${name} exited (${signal ?? code}):\n${stderr}`);
  });
  children.push(child);
  return child;
}

export async function waitFor(name: string, url: string, init?: RequestInit, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not yet
    }
    await sleep(250);
  }
  fail(`${name} was not ready after ${timeoutMs / 1000} s (${url})`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Resident set size of a process in MiB (Linux /proc), or null elsewhere. */
export function rssMiB(pid: number | undefined): number | null {
  if (!pid || !existsSync(`/proc/${pid}/status`)) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc, 100 ticks a second), or null. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (!pid || !existsSync(`/proc/${pid}/stat`)) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export interface Figure {
  name: string;
  target: string;
  rps: number;
  p50: number;
  p99: number;
  limit: string;
  /** With a probe (see measureAlternating): the requests of the timed runs, and the probe's growth during them. */
  requests?: number;
  probed?: number;
}

export interface LoadOptions {
  runs: number;
  duration: number;
  connections: number;
}

export interface Load {
  url: string;
  /** GraphQL over POST (default), or a page of the site (GET, no body). */
  method?: 'GET' | 'POST';
  body?: string;
  headers: Record<string, string>;
}

/** Checks the answer once (no GraphQL error) and returns what autocannon sends. */
export async function checkedLoad(label: string, url: string, query: string, headers: Record<string, string>): Promise<Load> {
  const body = JSON.stringify({ query });
  const allHeaders = { 'content-type': 'application/json', ...headers };
  const check = await fetch(url, { method: 'POST', headers: allHeaders, body });
  const json = (await check.json()) as { errors?: unknown[]; data?: unknown };
  if (!check.ok || json.errors) fail(`${label}: ${check.status} ${JSON.stringify(json).slice(0, 500)}`);
  return { url, body, headers: allHeaders };
}

/** One autocannon run; fails on any non-2xx, error or timeout. `total`: the requests answered during the run. */
export async function cannon(
  label: string,
  load: Load,
  connections: number,
  duration: number,
): Promise<{ rps: number; p50: number; p99: number; total: number }> {
  const result = await autocannon({ url: load.url, method: load.method ?? 'POST', headers: load.headers, body: load.body, connections, duration });
  if (result.non2xx || result.errors || result.timeouts)
    fail(
      `${label}: ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats ?? {})}), ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

export interface Target {
  name: string;
  target: string;
  url: string;
  query: string;
  headers: Record<string, string>;
  limit: string;
}

/**
 * Targets compared with each other (the same query through two gateways, or direct and through a gateway): each
 * answer checked once (no GraphQL error), a 1 s warm-up of each, then `runs` autocannon runs of each, alternating
 * (A, B, A, B…) so that a change of the machine's load during the bench weighs on each alike. The medians, in order.
 * `probe` (optional) reads a counter (a subgraph's operations answered): read before and after each timed run, its
 * growth during each target's runs is summed into the target's `probed`, beside its `requests`.
 */
export async function measureAlternating(targets: Target[], options: LoadOptions, probe?: () => Promise<number>): Promise<Figure[]> {
  const loads = [];
  for (const t of targets) loads.push(await checkedLoad(`${t.name} via ${t.target}`, t.url, t.query, t.headers));
  for (const [i, t] of targets.entries()) await cannon(`${t.name} via ${t.target}`, loads[i]!, options.connections, 1);
  const results = targets.map(() => ({ rps: [] as number[], p50: [] as number[], p99: [] as number[], requests: 0, probed: 0 }));
  for (let r = 0; r < options.runs; r += 1) {
    for (const [i, t] of targets.entries()) {
      const before = probe ? await probe() : 0;
      const result = await cannon(`${t.name} via ${t.target}`, loads[i]!, options.connections, options.duration);
      if (probe) results[i]!.probed += (await probe()) - before;
      results[i]!.rps.push(result.rps);
      results[i]!.p50.push(result.p50);
      results[i]!.p99.push(result.p99);
      results[i]!.requests += result.total;
    }
  }
  return targets.map((t, i) => {
    const figure: Figure = {
      name: t.name,
      target: t.target,
      rps: Math.round(median(results[i]!.rps)),
      p50: median(results[i]!.p50),
      p99: median(results[i]!.p99),
      limit: t.limit,
      ...(probe ? { requests: results[i]!.requests, probed: results[i]!.probed } : {}),
    };
    log(
      `  ${t.name.padEnd(34)} ${t.target.padEnd(16)} ${String(figure.rps).padStart(6)} req/s   p50 ${figure.p50} ms   p99 ${figure.p99} ms${probe ? `   ${figure.probed} probed for ${figure.requests} requests` : ''}`,
    );
    return figure;
  });
}
