import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's ESLint config (eslint.config.mjs) on a small fixture in a temp dir, through ESLint's own CLI (a child
 * process: the config is an ES module): a module importing another module's repository or entity, and an import
 * cycle, are refused; the same code through the other module's index.ts, without a cycle, passes.
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
      'services/events/src/modules/events/index.ts',
      "export type { EventEntity } from './event.entity';\nexport { findEvent } from './event.repository';\n",
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

  it('refuses an import cycle between modules', () => {
    write(
      'services/events/src/modules/registrations/registration.service.ts',
      "import { late } from '../waitlist/waitlist.service';\nexport const first = 'first';\nexport const both = () => late;\n",
    );
    write(
      'services/events/src/modules/waitlist/waitlist.service.ts',
      "import { first } from '../registrations/registration.service';\nexport const late = `${first}-late`;\n",
    );
    const reported = lint();
    expect(reported['services/events/src/modules/registrations/registration.service.ts']).toEqual(['import-x/no-cycle']);
    expect(reported['services/events/src/modules/waitlist/waitlist.service.ts']).toEqual(['import-x/no-cycle']);
  });
});
