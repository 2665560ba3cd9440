/**
 * Prints, as JSON, the generated files of the services' codegen that differ from what graphql-codegen writes today
 * (scripts/test/codegen.test.ts runs it in a child process: the codegen CLI is ESM-only in part, which jest cannot load).
 * An operation that does not match the gateway's schema fails here, as it fails `npm run codegen`.
 */
import { generate } from '@graphql-codegen/cli';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { CODEGEN_SERVICES, gatewayOperationsConfig, RESOLVER_TYPES_SERVICES } from './codegen-config';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const stale: string[] = [];
  let checked = 0;
  const configs: CodegenConfig[] = CODEGEN_SERVICES.map((service) => gatewayOperationsConfig(resolve(root, 'services', service)));
  // The subgraphs' resolver types (so far moderation's: services/moderation/codegen.resolvers.ts).
  for (const service of RESOLVER_TYPES_SERVICES) {
    configs.push(((await import(resolve(root, 'services', service, 'codegen.resolvers.ts'))) as { default: CodegenConfig }).default);
  }
  for (const config of configs) {
    const files = await generate({ ...config, silent: true }, false);
    for (const file of files) {
      checked += 1;
      if (!existsSync(file.filename) || readFileSync(file.filename, 'utf8') !== file.content) stale.push(relative(root, file.filename));
    }
  }
  console.log(JSON.stringify({ checked, stale }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
