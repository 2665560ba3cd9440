import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { SERVER_ENTRY, WEB_ROOT } from './web-build';

export interface RunningWeb {
  /** The site's origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Everything the server wrote (pino JSON lines), to look into when a test fails. */
  output(): string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback (the site's address must be known before the workers write links to it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The built site (dist/server/index.mjs) in a child process on `port`, as `npm start` runs it, in front of the
 * gateway at `gatewayUrl`. `env`: more settings (CLOCK_START, so that the site's "now" is the run's).
 */
export async function startWeb(options: { port: number; gatewayUrl: string; env?: Record<string, string> }): Promise<RunningWeb> {
  const url = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: WEB_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
      WEB_PORT: String(options.port),
      WEB_HOST: '127.0.0.1',
      GATEWAY_URL: options.gatewayUrl,
      PUBLIC_URL: url,
      WEB_SESSION_SECRET: randomBytes(32).toString('base64url'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The web site stopped at start:\n${output}`);
    if (output.includes('"msg":"web listening"')) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The web site did not start in 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
