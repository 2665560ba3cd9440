import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's ESLint config (eslint.config.mjs) on a small fixture in a temp dir, through ESLint's own CLI (a child
 * process: the config is an ES module): a module importing any file of another module (repository, entity, service,
 * mapper...), and an import cycle, are refused; the same code through the other module's index.ts, without a cycle,
 * passes, and so do a module's imports of the service's own files outside modules/ (context, generated types).
 */
const ROOT = resolve(__dirname, '../..');

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

describe('lint rules of modules', () => {
  let dir: string;

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  /** Lints the fixture with the project's config; the rule ids reported per file (relative path). */
  const lint = (): Record<string, string[]> => {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', 'services'], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (!run.stdout) throw new Error(`eslint did not answer: ${run.stderr}`);
    const results = JSON.parse(run.stdout) as LintResult[];
    return Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.ruleId ?? m.message)]));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'metropotes-lint-'));
    // The fixture is linted with the project's config, as if it were the repository.
    write('eslint.config.mjs', `export { default } from ${JSON.stringify(join(ROOT, 'eslint.config.mjs'))};\n`);
    write('services/events/src/modules/events/event.entity.ts', 'export interface EventEntity { id: string }\n');
    write(
      'services/events/src/modules/events/event.repository.ts',
      "import type { EventEntity } from './event.entity';\nexport const findEvent = (id: string): EventEntity => ({ id });\n",
    );
    write(
      'services/events/src/modules/events/event.mapper.ts',
      "import type { EventEntity } from './event.entity';\nexport const toEventModel = (e: EventEntity) => ({ id: e.id });\n",
    );
    write(
      'services/events/src/modules/events/event.service.ts',
      "import { findEvent } from './event.repository';\nexport class EventService {\n  get = (id: string) => findEvent(id);\n}\n",
    );
    write(
      'services/events/src/modules/events/index.ts',
      "export type { EventEntity } from './event.entity';\nexport { toEventModel } from './event.mapper';\nexport { findEvent } from './event.repository';\nexport { EventService } from './event.service';\n",
    );
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a module importing another module's repository or entity, and accepts its index.ts", () => {
    write(
      'services/events/src/modules/series/deep.service.ts',
      "import { findEvent } from '../events/event.repository';\nexport const deep = () => findEvent('a');\n",
    );
    write(
      'services/events/src/modules/series/deep-entity.service.ts',
      "import type { EventEntity } from '../events/event.entity';\nexport const ids = (e: EventEntity) => e.id;\n",
    );
    write(
      'services/events/src/modules/series/public.service.ts',
      "import { findEvent, type EventEntity } from '../events';\nexport const viaIndex = (): EventEntity => findEvent('a');\n",
    );
    const reported = lint();
    expect(reported['services/events/src/modules/series/deep.service.ts']).toEqual(['no-restricted-imports']);
    expect(reported['services/events/src/modules/series/deep-entity.service.ts']).toEqual(['no-restricted-imports']);
    expect(reported['services/events/src/modules/series/public.service.ts']).toEqual([]);
    // Inside its own module, a service uses its repository directly.
    expect(reported['services/events/src/modules/events/index.ts']).toEqual([]);
  });

  it("refuses a module importing another module's service or mapper, by any path, and accepts its index.ts", () => {
    write(
      'services/events/src/modules/series/deep-service.service.ts',
      "import { EventService } from '../events/event.service';\nexport const service = () => new EventService();\n",
    );
    write(
      'services/events/src/modules/series/deep-mapper.resolvers.ts',
      "import { toEventModel } from '../events/event.mapper';\nexport const model = () => toEventModel({ id: 'a' });\n",
    );
    write(
      'services/events/src/modules/series/deep-type.resolvers.ts',
      "import type { EventService } from '../events/event.service';\nexport const get = (s: EventService) => s.get('a');\n",
    );
    write(
      'services/events/src/modules/series/roundabout.service.ts',
      "import { EventService } from '../../modules/events/event.service';\nexport const roundabout = () => new EventService();\n",
    );
    write(
      'services/events/src/modules/series/public-service.service.ts',
      "import { EventService, toEventModel } from '../events';\nexport const viaIndex = () => toEventModel(new EventService().get('a'));\n",
    );
    // The service's own files outside modules/ (its context, its generated types) are not another module's.
    write('services/events/src/context.ts', 'export interface EventsContext { viewer: string }\n');
    write('services/events/src/generated/resolvers-types.ts', 'export type Resolvers = Record<string, unknown>;\n');
    write(
      'services/events/src/modules/series/series.resolvers.ts',
      "import type { EventsContext } from '../../context';\nimport type { Resolvers } from '../../generated/resolvers-types';\nexport const seriesResolvers: Resolvers = {};\nexport const viewer = (ctx: EventsContext) => ctx.viewer;\n",
    );
    const reported = lint();
    expect(reported['services/events/src/modules/series/deep-service.service.ts']).toEqual(['no-restricted-imports']);
    expect(reported['services/events/src/modules/series/deep-mapper.resolvers.ts']).toEqual(['no-restricted-imports']);
    expect(reported['services/events/src/modules/series/deep-type.resolvers.ts']).toEqual(['no-restricted-imports']);
    expect(reported['services/events/src/modules/series/roundabout.service.ts']).toEqual(['no-restricted-imports']);
    expect(reported['services/events/src/modules/series/public-service.service.ts']).toEqual([]);
    expect(reported['services/events/src/modules/series/series.resolvers.ts']).toEqual([]);
  });

  it('refuses an import cycle between modules, through their index.ts', () => {
    write('services/events/src/modules/registrations/index.ts', "export { first } from './registration.service';\n");
    write(
      'services/events/src/modules/registrations/registration.service.ts',
      "import { late } from '../waitlist';\nexport const first = 'first';\nexport const both = () => late;\n",
    );
    write('services/events/src/modules/waitlist/index.ts', "export { late } from './waitlist.service';\n");
    write(
      'services/events/src/modules/waitlist/waitlist.service.ts',
      "import { first } from '../registrations';\nexport const late = `${first}-late`;\n",
    );
    const reported = lint();
    expect(reported['services/events/src/modules/registrations/registration.service.ts']).toEqual(['import-x/no-cycle']);
    expect(reported['services/events/src/modules/waitlist/waitlist.service.ts']).toEqual(['import-x/no-cycle']);
  });
});
