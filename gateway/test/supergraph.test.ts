import { readFileSync } from 'node:fs';
import { composeSupergraph } from '../../scripts/supergraph';
import { SUPERGRAPH_PATH } from '../src/supergraph';

describe('the committed supergraph', () => {
  const composition = composeSupergraph();

  it('composes with no error and no unexpected hint', () => {
    expect(composition.problems).toEqual([]);
  });

  it('is what `npm run compose` produces today (run it and commit the result if this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composition.supergraphSdl);
  });
});
