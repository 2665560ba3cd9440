import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { serverAudits } from 'graphql-http';

describe('the gateway in production mode', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ gateway: { production: true, introspection: false } });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('does not give the schema away', async () => {
    const response = await system.gql('{ __schema { types { name } } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.data ?? null).toBeNull();
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR with the request id, and keeps known errors', async () => {
    const known = await system.gql('mutation { logIn(email: "x@example.org", password: "wrong-password") { accessToken } }');
    expect(known.errors?.[0]).toMatchObject({ message: 'Adresse e-mail ou mot de passe incorrect.', extensions: { code: 'UNAUTHENTICATED' } });

    // The events database goes away under the subgraph: whatever the driver says must not reach the client.
    await system.subgraphs.events.deps.dataSource.destroy();
    const response = await fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-test-1234' },
      body: JSON.stringify({ query: '{ event(id: "0b7c3a9e-6a43-4a5e-9d7e-5d8f3f0e2a11") { title } }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({
      message: 'Une erreur inattendue est survenue. Réessayez dans un instant.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-test-1234' },
    });
    expect(JSON.stringify(body)).not.toMatch(/stack|typeorm|connection|SELECT/i);
  });

  it('sends security headers and allows only the configured origins', async () => {
    const allowed = await fetch(system.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const foreign = await fetch(system.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const health = await fetch(`${system.origin}/health`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('strict-transport-security')).toMatch(/max-age/);
    expect(health.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses a GET mutation and a simple (CSRF-able) request', async () => {
    const csrf = await fetch(`${system.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(csrf.status).toBe(400);
    const withPreflightHeader = await fetch(`${system.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(withPreflightHeader.status).toBe(200);
  });
});

describe('GraphQL over HTTP compliance', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('passes every MUST audit of graphql-http', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url: system.url })) {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST') && result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
