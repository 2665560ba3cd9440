import { withTimeout as withDeadline } from '@metropotes/config';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The repository's root, where children run. */
export const REPO_ROOT = join(__dirname, '../../..');

export interface LogLine {
  msg?: string;
  [key: string]: unknown;
}

/**
 * A TypeScript entry point of the repository run in a child process, as node itself with tsx as a loader (not the
 * tsx CLI, which would run it in a grandchild that signals miss). Collects its pino JSON lines for `waitForLog`.
 */
export class NodeChild {
  readonly proc: ChildProcess;
  output = '';
  readonly lines: LogLine[] = [];
  /** Resolves when the process ends, with its exit code or signal and the time it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  private readonly waiters = new Set<() => void>();

  constructor(entry: string, tsconfig: string, env: Record<string, string>) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, entry)], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, TSX_TSCONFIG_PATH: join(REPO_ROOT, tsconfig) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    this.proc.stdout!.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete) {
        try {
          this.lines.push(JSON.parse(line) as LogLine);
        } catch {
          this.lines.push({ text: line });
        }
      }
      for (const wake of this.waiters) wake();
    });
    this.proc.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.proc.on('exit', (code, signal) => {
        resolve({ code, signal, at: Date.now() });
        for (const wake of this.waiters) wake();
      }),
    );
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** The first log line (from `from` on) that `match` accepts; fails after `timeoutMs` or if the process ends first. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs: number, from = 0): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.slice(from).find(match);
        if (found) return done(() => resolve(found));
        if (!this.running)
          return done(() => reject(new Error(`the process ended (${this.proc.exitCode ?? this.proc.signalCode}) first:\n${this.output}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no such log line after ${timeoutMs} ms:\n${this.output}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.proc.kill(signal);
  }
}

/** `promise`, or an error naming `what` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return withDeadline(promise, ms, `${what}: nothing after ${ms} ms`);
}
