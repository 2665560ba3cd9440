import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONTRACT_PATH, contractSdl } from './contract';
import { composeSupergraph } from './supergraph';

const target = resolve(__dirname, '..', 'gateway', 'supergraph.graphql');
const { supergraphSdl, problems } = composeSupergraph();
for (const problem of problems) console.error(problem);
if (!supergraphSdl || problems.some((p) => p.startsWith('error'))) {
  console.error('Composition failed: gateway/supergraph.graphql was not written.');
  process.exit(1);
}
writeFileSync(target, supergraphSdl);
console.log(`Wrote ${target}${problems.length ? ` (${problems.length} hint(s) to look at)` : ''}`);
// The client-facing contract: the API schema without the fields tagged @tag(name: "system") (scripts/contract.ts).
writeFileSync(CONTRACT_PATH, contractSdl(supergraphSdl));
console.log(`Wrote ${CONTRACT_PATH}`);
if (problems.length) process.exit(1);
