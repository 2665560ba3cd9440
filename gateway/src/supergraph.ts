import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The committed, composed supergraph (`npm run compose` writes it). */
export const SUPERGRAPH_PATH = resolve(__dirname, '..', 'supergraph.graphql');

export function readSupergraph(path = SUPERGRAPH_PATH): string {
  return readFileSync(path, 'utf8');
}
