import { readFileSync } from 'node:fs';
import { apiSchemaSdl, API_SCHEMA_PATH } from '../scripts/api-schema-lib';

describe("the web site's API schema (app/graphql/schema.graphql)", () => {
  it('is what `npm run schema -w @metropotes/web` derives from the committed supergraph (run it and commit if this fails)', () => {
    expect(readFileSync(API_SCHEMA_PATH, 'utf8')).toBe(apiSchemaSdl());
  });

  it('carries none of the federation machinery', () => {
    const sdl = readFileSync(API_SCHEMA_PATH, 'utf8');
    expect(sdl).not.toMatch(/join__|link__|@join|@link|_Entity|_service/);
    expect(sdl).toMatch(/type Query \{/);
  });
});
