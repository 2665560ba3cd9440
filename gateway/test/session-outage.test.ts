/**
 * When Redis cannot answer the session-version check, the gateway cannot tell a closed session (a banned or
 * suspended member) from an open one: members' mutations are refused with SERVICE_UNAVAILABLE until Redis answers
 * again; reads go on. Redis is cut through a loopback proxy; the real server is never stopped.
 */
import { errorCodes, startTestSystem, TcpProxy, testRedisUrl, viaProxy, type GraphQLResponse, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';

const CREATE_EVENT = `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
const REGISTER = `mutation R($eventId: ID!) { registerForEvent(eventId: $eventId) { id } }`;
const APPLY = `mutation A($input: ApplyModerationActionInput!) { applyMemberModerationAction(input: $input) { decisionId } }`;

describe('members’ writes while Redis cannot answer the session check', () => {
  const proxy = TcpProxy.to(testRedisUrl());
  let system: TestSystem;
  beforeAll(async () => {
    await proxy.start();
    system = await startTestSystem({ env: (env) => ({ REDIS_URL: viaProxy(env.REDIS_URL!, proxy) }) });
  });
  afterAll(async () => {
    await system?.stop();
    await proxy.stop();
  });

  const expectUnavailable = (response: GraphQLResponse<unknown>) => {
    expect(response.status).toBe(503);
    expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(response.errors![0]!.message).toBe("Impossible de vérifier votre session pour le moment : rien n'a changé. Réessayez dans un instant.");
  };
  const registrations = async (memberId: string) =>
    (await system.db.query('SELECT count(*)::int AS n FROM events.registrations WHERE member_id = $1', [memberId])).rows[0].n as number;

  it('refuses every member mutation (a suspended member’s included), keeps reads going, and writes again once Redis is back', async () => {
    const staff = await system.signUp({ role: 'STAFF' });
    const member = await system.signUp();
    const suspended = await system.signUp();
    const start = new Date(system.clock.now().getTime() + 7 * 24 * 3_600_000);
    start.setUTCSeconds(0, 0);
    const created = await system.gql<{ createEvent: { id: string } }>(
      CREATE_EVENT,
      {
        input: {
          title: 'Atelier vélo',
          kind: 'ATELIER',
          capacity: 20,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
          venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
        },
      },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    const eventId = created.data!.createEvent.id;
    const suspension = await system.gql(
      APPLY,
      {
        input: {
          targetType: 'MEMBER',
          targetId: suspended.id,
          action: 'SUSPEND',
          decisionId: randomUUID(),
          suspendedUntil: new Date(system.clock.now().getTime() + 7 * 24 * 3_600_000).toISOString(),
          reason: 'Propos injurieux',
        },
      },
      await system.systemToken(),
    );
    expect(suspension.errors).toBeUndefined();
    // Redis answers: the suspended member's token is refused.
    expect(errorCodes(await system.gql(REGISTER, { eventId }, suspended.token))).toEqual(['UNAUTHENTICATED']);

    await proxy.cut();

    // Reads go on.
    const read = await system.gql<{ me: { id: string }; agenda: { totalCount: number } }>('{ me { id } agenda { totalCount } }', {}, member.token);
    expect(read.errors).toBeUndefined();
    expect(read.data!.me.id).toBe(member.id);
    // Writes by members do not: the suspended member's token cannot be told from any other.
    expectUnavailable(await system.gql(REGISTER, { eventId }, suspended.token));
    expectUnavailable(await system.gql(REGISTER, { eventId }, member.token));
    expectUnavailable(await system.gql(`mutation { ... on Mutation { registerForEvent(eventId: "${eventId}") { id } } }`, {}, staff.token));
    expect(await registrations(suspended.id)).toBe(0);
    expect(await registrations(member.id)).toBe(0);

    await proxy.restore();
    let again = await system.gql(REGISTER, { eventId }, member.token);
    for (let i = 0; i < 40 && again.errors; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      again = await system.gql(REGISTER, { eventId }, member.token);
    }
    expect(again.errors).toBeUndefined();
    expect(await registrations(member.id)).toBe(1);
    expect(errorCodes(await system.gql(REGISTER, { eventId }, suspended.token))).toEqual(['UNAUTHENTICATED']);
    expect(await registrations(suspended.id)).toBe(0);
  });
});
