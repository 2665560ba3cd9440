import { readFileSync } from 'node:fs';
import { CONTRACT_PATH, contractSdl } from '../../scripts/contract';
import { readSupergraph } from '../src/supergraph';

describe('the client-facing contract (gateway/contract-public.graphql)', () => {
  it('is what `npm run compose` produces from the committed supergraph (run it and commit the result if this fails)', () => {
    expect(readFileSync(CONTRACT_PATH, 'utf8')).toBe(contractSdl(readSupergraph()));
  });

  it('hides the system fields and the types only they reach, and keeps the rest', () => {
    const contract = readFileSync(CONTRACT_PATH, 'utf8');
    for (const hidden of [
      'systemMailSecret',
      'eraseMemberFromEvents',
      'applyMemberModerationAction',
      'ingestWatchItems',
      'type SystemMemberForMail',
      'input IngestWatchItemInput',
    ]) {
      expect(contract).not.toContain(hidden);
    }
    for (const kept of ['  agenda(', '  signUp(', '  reportContent(', 'type ModerationDecision ']) {
      expect(contract).toContain(kept);
    }
  });
});
