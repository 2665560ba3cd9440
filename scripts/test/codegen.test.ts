import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CODEGEN_SERVICES, RESOLVER_TYPES_SERVICES } from '../codegen-config';

/**
 * The services' generated gateway operations (src/generated/gateway/) are committed: typecheck needs them from a clean
 * clone, and jest runs the documents they hold. They must be what `npm run codegen` writes from today's sources and
 * supergraph; codegen itself fails when an operation does not match the gateway's schema.
 */
describe('the generated gateway operations and resolver types of the services', () => {
  it('are what `npm run codegen` writes (run it and commit the result if this fails)', () => {
    const root = resolve(__dirname, '..', '..');
    const output = execFileSync(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), resolve(root, 'scripts/codegen-check.ts')], {
      cwd: root,
      encoding: 'utf8',
    });
    const { checked, stale } = JSON.parse(output.trim().split('\n').pop()!) as { checked: number; stale: string[] };
    // Three files per service (gql.ts, graphql.ts, index.ts), one per subgraph with resolver types.
    expect(checked).toBe(CODEGEN_SERVICES.length * 3 + RESOLVER_TYPES_SERVICES.length);
    expect(stale).toEqual([]);
  }, 180_000);
});
