import { startTestSystem, type TestSystem } from '@metropotes/test-kit';

describe('the queues board', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('is for staff only', async () => {
    const page = (token?: string) =>
      fetch(`${system.origin}/admin/queues`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await page()).status).toBe(401);
    const member = await system.signUp();
    expect((await page(member.token)).status).toBe(403);
    const staff = await system.signUp({ role: 'STAFF' });
    const response = await page(staff.token);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<html/i);
    const api = await fetch(`${system.origin}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${staff.token}` } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(expect.arrayContaining(['fanout', 'mail', 'system']));
  });
});
