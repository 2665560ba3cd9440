// docker-compose.yml, checked without a Docker engine: valid against the official Compose Specification schema
// (vendored, see vendor/compose-spec/README.md), and true to the project: each process has a health check, a restart
// policy and waits for the migrations; the environment each container gets passes that process's own configuration
// (the real zod parsers) and points at the other containers; what each command runs is copied and built by the
// Dockerfile.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { DockerfileParser, type Copy } from 'dockerfile-ast';
import { parse } from 'yaml';
import { DEFAULT_METRICS_PORTS, type MetricsListen } from '@metropotes/config';
import { gatewayConfigFrom } from '../../gateway/src/env';
import { eventsConfigFrom } from '../../services/events/src/env';
import { guideConfigFrom } from '../../services/guide/src/env';
import { membersConfigFrom } from '../../services/members/src/env';
import { moderationConfigFrom } from '../../services/moderation/src/env';
import { webConfigFrom } from '../../services/web/server/env';
import { workersConfigFrom } from '../../services/workers/src/env';

const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

type Env = Record<string, string>;
interface ComposeService {
  command?: string[];
  image?: string;
  build?: unknown;
  restart?: string;
  profiles?: string[];
  environment?: Record<string, string | number | boolean>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  expose?: (string | number)[];
  networks?: Record<string, { ipv4_address?: string } | null>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** The compose file as Compose reads it: YAML with merge keys (`<<: *anchor`). */
const composeFile = (text: string): ComposeFile => parse(text, { merge: true }) as ComposeFile;
const compose = composeFile(read('docker-compose.yml'));

function composeValidator() {
  const { $schema: _draft07, ...schema } = JSON.parse(read('scripts/test/vendor/compose-spec/compose-spec.json')) as Record<string, unknown>;
  // Draft-07 (Ajv's default). Go durations ("15s") are no JSON Schema format: formats are not checked.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(schema);
}

/** scripts/lib.mjs, run by node itself (an ES module jest does not load): the processes and their environment. */
function lib<T>(expression: string, ...args: string[]): T {
  const code = `import * as lib from ${JSON.stringify(resolve(ROOT, 'scripts/lib.mjs'))}; const args = process.argv.slice(1); process.stdout.write(JSON.stringify(${expression}));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code, ...args], { encoding: 'utf8' })) as T;
}
const PROCESS_ENTRIES = lib<Record<string, string>>('lib.PROCESS_ENTRIES');
const PROCESSES = Object.keys(PROCESS_ENTRIES);
const SUBGRAPHS = lib<string[]>('lib.SERVICES');

const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const auth = keyPair();
const system = keyPair();
/** What scripts/container.mjs adds outside production (generated once into the shared .keys volume). */
const GENERATED: Env = {
  AUTH_PRIVATE_KEY: auth.privateKey,
  AUTH_PUBLIC_KEY: auth.publicKey,
  SYSTEM_PRIVATE_KEY: system.privateKey,
  SYSTEM_PUBLIC_KEY: system.publicKey,
  CALENDAR_FEED_KEY: 'k'.repeat(43),
  WEB_SESSION_SECRET: 's'.repeat(43),
  ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_GATEWAY_SECRET`, `${name}-secret-`.padEnd(32, 'x')])),
};

/** The environment the process of `name` runs with: the compose file's, the generated secrets, less others' secrets. */
function processEnvironment(name: string): Env {
  const fromCompose = Object.fromEntries(Object.entries(compose.services[name]!.environment ?? {}).map(([k, v]) => [k, String(v)]));
  return lib<Env>('lib.childEnvironment(args[0], JSON.parse(args[1]))', name, JSON.stringify({ ...GENERATED, ...fromCompose }));
}

/** Runs a process's configuration parser; a parser that would stop the process (exit 78) throws its message instead. */
function configOf<T>(load: (env: Env) => T, env: Env): T {
  const written: string[] = [];
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const exit = jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
    throw new Error(`configuration refused (exit ${code}):\n${written.join('')}`);
  });
  try {
    return load(env);
  } finally {
    write.mockRestore();
    exit.mockRestore();
  }
}

const hostPort = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port}`;
};
const healthPort = (service: ComposeService) => {
  const url = service.healthcheck?.test?.find((arg) => arg.startsWith('http://'));
  return url ? Number(new URL(url).port) : undefined;
};

describe('docker-compose.yml', () => {
  test('is valid against the Compose Specification schema', () => {
    const validate = composeValidator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('the schema check refuses what Compose refuses', () => {
    const validate = composeValidator();
    const broken = composeFile(read('docker-compose.yml').replace('condition: service_completed_successfully', 'condition: service_completed'));
    expect(validate(broken)).toBe(false);
    expect(validate({ services: { members: { restart: 'unless-stopped', healthcheck: { interval: 15 } } } })).toBe(false);
  });

  test("the databases answer on loopback, PostgreSQL without a password (the README's local route)", () => {
    const postgres = compose.services.postgres!;
    expect(postgres.environment).toMatchObject({ POSTGRES_USER: 'postgres', POSTGRES_HOST_AUTH_METHOD: 'trust' });
    expect(postgres.environment).not.toHaveProperty('POSTGRES_PASSWORD');
    expect(postgres.ports).toEqual(['127.0.0.1:5432:5432']);
    expect(compose.services.redis!.ports).toEqual(['127.0.0.1:6379:6379']);
    // scripts/lib.mjs's default address is that one.
    expect(read('scripts/lib.mjs')).toContain("'postgres://postgres@127.0.0.1:5432/metropotes'");
    for (const name of ['postgres', 'redis']) expect(compose.services[name]!.healthcheck?.test?.length).toBeGreaterThan(0);
  });

  test('a one-shot migrate step runs before every process', () => {
    const migrate = compose.services.migrate!;
    expect(migrate.command).toEqual(['node', 'scripts/container.mjs', 'migrate']);
    expect(migrate.restart).toBe('no');
    expect(migrate.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(migrate.environment?.NODE_ENV).toBe('development');
  });

  test.each(PROCESSES)('%s: its own container, a health check, restarted unless stopped, after the migrations', (name) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    expect(service!.command).toEqual(['node', 'scripts/container.mjs', name]);
    expect(service!.image).toBe(compose.services.migrate!.image);
    expect(service!.restart).toBe('unless-stopped');
    expect(service!.healthcheck?.disable).not.toBe(true);
    expect(service!.healthcheck?.test?.slice(0, 3)).toEqual(['CMD', 'node', 'scripts/healthcheck.mjs']);
    expect(service!.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    // The processes do not migrate again, concurrently: the migrate step did.
    expect(service!.environment?.RUN_MIGRATIONS).toBe('false');
  });

  test('no other long-running container of the application than those processes', () => {
    const app = Object.entries(compose.services).filter(([, s]) => s.image === compose.services.migrate!.image);
    const longRunning = app.filter(([name, s]) => name !== 'migrate' && !s.profiles?.length).map(([name]) => name);
    expect(longRunning.sort()).toEqual([...PROCESSES].sort());
  });

  test('the demo data set runs in a container with the built seed and node (no turbo)', () => {
    const seed = compose.services.seed!;
    expect(seed.command).toEqual(['node', 'scripts/seed.mjs']);
    expect(seed.profiles).toEqual(['seed']);
    expect(seed.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(seed.environment?.NODE_ENV).not.toBe('production');
  });

  describe('each process accepts the environment its container gets, and finds the others', () => {
    const env = (name: string) => processEnvironment(name);

    test('the subgraphs listen for the gateway on their health-checked port, with their gateway secret', () => {
      const loaders = { members: membersConfigFrom, events: eventsConfigFrom, guide: guideConfigFrom, moderation: moderationConfigFrom };
      for (const name of SUBGRAPHS) {
        const config = configOf(loaders[name as keyof typeof loaders], env(name));
        expect({ name, host: config.listen.host, port: config.listen.port }).toEqual({
          name,
          host: '0.0.0.0',
          port: healthPort(compose.services[name]!),
        });
        expect(new URL(config.database.url).hostname).toBe('postgres');
        expect(new URL(config.redis.url).hostname).toBe('redis');
        expect(config.gatewaySecret).toBe(GENERATED[`${name.toUpperCase()}_GATEWAY_SECRET`]);
        expect(config.runMigrations).toBe(false);
      }
      expect(hostPort(configOf(membersConfigFrom, env('members')).gatewayUrl)).toBe(`gateway:${healthPort(compose.services.gateway!)}`);
      expect(hostPort(configOf(moderationConfigFrom, env('moderation')).settings.gatewayUrl())).toBe(
        `gateway:${healthPort(compose.services.gateway!)}`,
      );
    });

    test('the gateway reaches each subgraph by its container, with its secret, and trusts the web site alone', () => {
      const config = configOf(gatewayConfigFrom, env('gateway'));
      expect(config.listen).toEqual({ host: '0.0.0.0', port: healthPort(compose.services.gateway!) });
      expect(compose.services.gateway!.ports).toContain(`${config.listen.port}:${config.listen.port}`);
      for (const name of SUBGRAPHS) {
        const subgraph = config.subgraphs[name as keyof typeof config.subgraphs];
        expect(hostPort(subgraph.url)).toBe(`${name}:${healthPort(compose.services[name]!)}`);
        expect(subgraph.secret).toBe(GENERATED[`${name.toUpperCase()}_GATEWAY_SECRET`]);
        expect(compose.services.gateway!.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
      }
      expect(new URL(config.redis.url).hostname).toBe('redis');
      expect(config.trustedProxies).toEqual([compose.services.web!.networks?.default?.ipv4_address]);
    });

    test('the workers reach the database, Redis, the gateway and the mail catcher', () => {
      const config = configOf(workersConfigFrom, env('workers'));
      expect(new URL(config.database.url).hostname).toBe('postgres');
      expect(new URL(config.redis.url).hostname).toBe('redis');
      expect(hostPort(config.gatewayUrl)).toBe(`gateway:${healthPort(compose.services.gateway!)}`);
      expect(hostPort(config.smtp.url)).toBe('mail:1025');
      expect(config.database.runMigrations).toBe(false);
      expect(compose.services.workers!.healthcheck?.test).toEqual(['CMD', 'node', 'scripts/healthcheck.mjs', 'workers']);
      expect(compose.services.workers!.depends_on).toMatchObject({
        gateway: { condition: 'service_healthy' },
        mail: { condition: 'service_started' },
      });
    });

    test('the web site listens on its published port and calls the gateway', () => {
      const config = configOf(webConfigFrom, env('web'));
      expect(config.listen).toEqual({ host: '0.0.0.0', port: healthPort(compose.services.web!) });
      expect(compose.services.web!.ports).toContain(`${config.listen.port}:${config.listen.port}`);
      expect(hostPort(config.gatewayUrl)).toBe(`gateway:${healthPort(compose.services.gateway!)}`);
      expect(config.sessionSecretGenerated).toBe(false);
      expect(config.publicUrl).toBe(`http://localhost:${config.listen.port}`);
      // Visitors' pages are cached as in production: keyed by the gateway's public cache (on, too).
      expect(config.pageCache.enabled).toBe(true);
      expect(configOf(gatewayConfigFrom, env('gateway')).publicCache).toBe(true);
    });

    test("each process's metrics are reachable by a Prometheus in the compose network, never published on the host", () => {
      const loaders: Record<string, (env: Env) => { metrics: MetricsListen }> = {
        members: membersConfigFrom,
        events: eventsConfigFrom,
        guide: guideConfigFrom,
        moderation: moderationConfigFrom,
        gateway: gatewayConfigFrom,
        workers: workersConfigFrom,
        web: webConfigFrom,
      };
      expect(Object.keys(loaders).sort()).toEqual([...PROCESSES].sort());
      const seen = new Set<number>();
      for (const name of PROCESSES) {
        const service = compose.services[name]!;
        const metrics = configOf(loaders[name]!, env(name)).metrics;
        // Listening on every interface of the container, on the process's documented port (README, _Operations_).
        expect({ name, metrics }).toEqual({
          name,
          metrics: { host: '0.0.0.0', port: DEFAULT_METRICS_PORTS[name.toUpperCase() as keyof typeof DEFAULT_METRICS_PORTS] },
        });
        expect(seen.has(metrics.port)).toBe(false);
        seen.add(metrics.port);
        // Declared to the other containers, not published: only the public ports are (the gateway's, the site's).
        expect({ name, expose: (service.expose ?? []).map(String) }).toEqual({ name, expose: [String(metrics.port)] });
        for (const published of service.ports ?? []) expect(published.split(':').map(Number)).not.toContain(metrics.port);
      }
      expect(read('README.md')).toMatch(/`WORKERS_METRICS_PORT`\s*\|\s*9405/);
    });

    test('outside a container, the metrics stay on loopback', () => {
      const { METRICS_HOST: _host, ...outside } = env('events');
      expect(configOf(eventsConfigFrom, { ...outside, NODE_ENV: 'production' }).metrics.host).toBe('127.0.0.1');
    });

    test('a process without what it requires is refused (the check can fail)', () => {
      const { AUTH_PUBLIC_KEY: _key, ...withoutKey } = env('guide');
      expect(() => configOf(guideConfigFrom, withoutKey)).toThrow(/AUTH_PUBLIC_KEY/);
    });
  });

  describe('the image holds what the containers run', () => {
    const dockerfile = DockerfileParser.parse(read('Dockerfile'));
    const froms = dockerfile.getFROMs();
    const buildStage = froms[0]!.getBuildStage();
    const instructions = dockerfile.getInstructions();
    const finalStart = instructions.indexOf(froms[froms.length - 1]!);
    const stageOf = (index: number) => (index >= finalStart ? 'final' : 'build');
    const copies = instructions
      .map((instruction, index) => ({ instruction, index }))
      .filter(({ instruction }) => instruction.getKeyword() === 'COPY')
      .map(({ instruction, index }) => ({
        copy: instruction as Copy,
        stage: stageOf(index),
        args: instruction.getArguments().map((a) => a.getValue()),
      }));
    const copiedToBuild = copies.filter((c) => c.stage === 'build').flatMap((c) => c.args.slice(0, -1).map((source) => source.replace(/\/$/, '')));
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const inImage = (path: string) => copiedToBuild.some((source) => path === source || path.startsWith(`${source}/`));

    test("the final stage is the build stage's /app, built with turbo", () => {
      const final = copies.filter((c) => c.stage === 'final');
      expect(
        final.map((c) => [
          c.copy
            .getFlags()
            .find((flag) => flag.getName() === 'from')
            ?.getValue(),
          c.args,
        ]),
      ).toEqual([[buildStage, ['/app', '/app']]]);
      expect(read('Dockerfile')).toMatch(/RUN npx turbo run build\b/);
    });

    test.each(Object.keys(PROCESS_ENTRIES))('%s: its entry is what its workspace builds and starts, copied into the image', (name) => {
      const entry = PROCESS_ENTRIES[name]!;
      const workspace = entry.slice(0, entry.indexOf('/dist/'));
      const pkg = JSON.parse(read(`${workspace}/package.json`)) as { scripts: Record<string, string> };
      expect(pkg.scripts.build).toBeTruthy();
      expect(`${workspace}/${pkg.scripts.start!.replace(/^node /, '')}`).toBe(entry);
      expect(inImage(workspace)).toBe(true);
      // dist/ is built in the image, never sent from the developer's machine.
      expect(ignored).toContain('**/dist');
    });

    test('the scripts the containers run exist and are copied', () => {
      const scripts = new Set<string>();
      for (const service of Object.values(compose.services)) {
        for (const arg of [...(service.command ?? []), ...(service.healthcheck?.test ?? [])]) if (/^scripts\/.+\.mjs$/.test(arg)) scripts.add(arg);
      }
      expect([...scripts].sort()).toEqual(['scripts/container.mjs', 'scripts/healthcheck.mjs', 'scripts/seed.mjs']);
      for (const script of [...scripts, 'scripts/migrate.mjs', 'scripts/lib.mjs']) {
        expect(existsSync(resolve(ROOT, script))).toBe(true);
        expect(inImage(script)).toBe(true);
      }
      for (const pattern of ignored) expect(['scripts', 'services', 'packages', 'gateway']).not.toContain(pattern.replace(/\/$/, ''));
    });
  });
});
