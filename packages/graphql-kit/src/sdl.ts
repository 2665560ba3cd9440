import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gql } from 'graphql-tag';
import type { DocumentNode } from 'graphql';
import { FEDERATION_LINK, SHARED_SDL } from './shared-schema';

/**
 * A subgraph's SDL: the federation link, the shared types and the service's own `schema.graphql`
 * files (paths relative to the package root, so the same code runs from src/ and dist/).
 */
export function loadSubgraphTypeDefs(packageRoot: string, files: string[], sharedBlocks: string[] = []): DocumentNode {
  const own = files.map((file) => readFileSync(join(packageRoot, file), 'utf8')).join('\n');
  return gql(`${FEDERATION_LINK}\n${SHARED_SDL}\n${sharedBlocks.join('\n')}\n${own}`);
}
