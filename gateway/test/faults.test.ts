import { postGraphQL, startTestSystem, type TestSystem } from '@metropotes/test-kit';

describe('subgraphs accept only the gateway, and one subgraph down does not take the others with it', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ gateway: { subgraphTimeoutMs: 2000 } });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('refuses a direct call to a subgraph without the gateway secret (401, not 500)', async () => {
    const direct = await postGraphQL(system.subgraphs.members.url, '{ _service { sdl } }');
    expect(direct.status).toBe(401);
    const wrong = await postGraphQL(
      system.subgraphs.members.url,
      '{ _service { sdl } }',
      {},
      { headers: { 'x-gateway-secret': 'not-the-secret-at-all' } },
    );
    expect(wrong.status).toBe(401);
    const right = await postGraphQL(
      system.subgraphs.members.url,
      '{ _service { sdl } }',
      {},
      { headers: { 'x-gateway-secret': system.env.MEMBERS_GATEWAY_SECRET! } },
    );
    expect(right.status).toBe(200);
  });

  it('answers with partial data and an error naming the service when one subgraph is down', async () => {
    const member = await system.signUp({ displayName: 'Karim' });
    await system.subgraphs.guide.stop();

    const response = await system.gql<{ me: { displayName: string; organizedEvents: unknown[] }; guideArticle: unknown }>(
      '{ me { displayName organizedEvents { id } } guideArticle(slug: "saisir-son-conseil-de-quartier") { id } }',
      {},
      member.token,
    );
    expect(response.data?.me).toEqual({ displayName: 'Karim', organizedEvents: [] });
    expect(response.data?.guideArticle).toBeNull();
    const error = response.errors?.find((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
    expect(error?.extensions?.serviceName).toBe('guide');
    expect(error?.message).toMatch(/Le service « guide » ne répond pas/);

    // Queries that do not need it are untouched.
    const membersOnly = await system.gql('{ me { displayName } }', {}, member.token);
    expect(membersOnly.errors).toBeUndefined();

    const ready = await fetch(`${system.origin}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks).toMatchObject({
      members: 'ok',
      guide: expect.stringMatching(/^down/),
    });
  });
});
