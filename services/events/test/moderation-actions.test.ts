import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { createEvent } from './helpers';

const APPLY = `mutation A($input: ApplyModerationActionInput!) {
  applyEventModerationAction(input: $input) { decisionId targetType targetId action appliedAt }
}`;

describe('events applies moderation decisions (applyEventModerationAction)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, member] = await Promise.all([system.signUp({ role: 'STAFF' }), system.signUp()]);
    systemToken = await system.systemToken();
  });
  afterAll(() => system?.stop());

  const apply = (input: Record<string, unknown>, token = systemToken) => system.gql(APPLY, { input }, token);
  const origin = () => system.subgraphs.events.url.replace(/\/graphql$/, '');
  const feed = async (path: string) =>
    (await (await fetch(`${origin()}${path}`, { headers: { 'x-gateway-secret': system.env.EVENTS_GATEWAY_SECRET! } })).text()).replace(
      /\r\n[ \t]/g,
      '',
    );

  it('a hidden event leaves the agenda, event(id), Commune.upcomingEvents, organizedEvents, registrations and both calendar feeds for non-staff', async () => {
    const event = await createEvent(system, staff.token, { venue: { name: 'Salle des fêtes', communeCode: '93066' } });
    expect(
      (await system.gql(`mutation R($id: ID!) { registerForEvent(eventId: $id) { status } }`, { id: event.id }, member.token)).errors,
    ).toBeUndefined();
    const feedUrl = (
      await system.gql<{ member: { calendarFeedUrl: string } }>(
        `query M($id: ID!) { member(id: $id) { calendarFeedUrl } }`,
        { id: member.id },
        member.token,
      )
    ).data!.member.calendarFeedUrl;
    const myFeed = () => feed(new URL(feedUrl).pathname);

    const seen = async (token?: string) => {
      const res = await system.gql<{
        agenda: { edges: { node: { id: string } }[] };
        event: { id: string; moderationState: string | null } | null;
        commune: { upcomingEvents: { id: string }[] };
        member: { organizedEvents: { id: string }[]; registrations?: unknown } | null;
      }>(
        `query S($id: ID!, $staff: ID!) {
          agenda(first: 100) { edges { node { id } } }
          event(id: $id) { id moderationState }
          commune(code: "93066") { upcomingEvents { id } }
          member(id: $staff) { organizedEvents { id } }
        }`,
        { id: event.id, staff: staff.id },
        token,
      );
      expect(res.errors).toBeUndefined();
      return {
        agenda: res.data!.agenda.edges.some((e) => e.node.id === event.id),
        event: res.data!.event,
        upcoming: res.data!.commune.upcomingEvents.some((e) => e.id === event.id),
        organized: res.data!.member?.organizedEvents.some((e) => e.id === event.id) ?? null,
      };
    };
    expect(await seen(member.token)).toEqual({ agenda: true, event: { id: event.id, moderationState: null }, upcoming: true, organized: true });
    expect(await feed('/calendar.ics')).toContain(`UID:${event.id}@metropotes`);
    expect(await myFeed()).toContain(`UID:${event.id}@metropotes`);

    const decisionId = randomUUID();
    expect((await apply({ targetType: 'EVENT', targetId: event.id, action: 'HIDE', decisionId }, member.token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await apply({ targetType: 'EVENT', targetId: event.id, action: 'HIDE', decisionId })).errors).toBeUndefined();

    expect(await seen()).toEqual({ agenda: false, event: null, upcoming: false, organized: null });
    expect(await seen(member.token)).toEqual({ agenda: false, event: null, upcoming: false, organized: false });
    expect(await feed('/calendar.ics')).not.toContain(event.id);
    expect(await myFeed()).not.toContain(event.id);
    const regs = await system.gql<{ me: { registrations: { edges: { node: { event: { id: string } | null } }[] } } }>(
      `{ me { registrations { edges { node { event { id } } } } } }`,
      {},
      member.token,
    );
    expect(regs.errors).toBeUndefined();
    expect(regs.data!.me.registrations.edges.map((e) => e.node.event)).toEqual([null]);
    const staffView = await seen(staff.token);
    expect(staffView).toMatchObject({ agenda: true, event: { id: event.id, moderationState: 'HIDDEN' } });
    const register = await system.gql(
      `mutation R($id: ID!) { registerForEvent(eventId: $id) { status } }`,
      { id: event.id },
      (await system.signUp()).token,
    );
    expect(register.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect((await apply({ targetType: 'EVENT', targetId: event.id, action: 'RESTORE', decisionId: randomUUID() })).errors).toBeUndefined();
    expect(await seen(member.token)).toEqual({ agenda: true, event: { id: event.id, moderationState: null }, upcoming: true, organized: true });
    expect(await feed('/calendar.ics')).toContain(`UID:${event.id}@metropotes`);
  });

  it('decisions applied out of order leave the latest in force', async () => {
    const event = await createEvent(system, staff.token);
    // Decision times on the run's clock, as the moderation service would record them.
    const ago = (ms: number) => new Date(system.clock.now().getTime() - ms).toISOString();
    const hiddenAt = ago(60_000);
    const restoredAt = ago(30_000);
    // The RESTORE taken after the HIDE is applied first (the HIDE's job was being retried).
    expect(
      (await apply({ targetType: 'EVENT', targetId: event.id, action: 'RESTORE', decisionId: randomUUID(), decidedAt: restoredAt })).errors,
    ).toBeUndefined();
    expect(
      (await apply({ targetType: 'EVENT', targetId: event.id, action: 'HIDE', decisionId: randomUUID(), decidedAt: hiddenAt })).errors,
    ).toBeUndefined();
    const EVENT = `query E($id: ID!) { event(id: $id) { id moderationState } }`;
    expect((await system.gql<{ event: unknown }>(EVENT, { id: event.id }, staff.token)).data!.event).toEqual({
      id: event.id,
      moderationState: 'VISIBLE',
    });
    // A later HIDE does hide it.
    expect(
      (await apply({ targetType: 'EVENT', targetId: event.id, action: 'HIDE', decisionId: randomUUID(), decidedAt: ago(0) })).errors,
    ).toBeUndefined();
    expect((await system.gql<{ event: unknown }>(EVENT, { id: event.id }, member.token)).data!.event).toBeNull();
  });

  it('a HIDE and a later RESTORE applied at the same moment leave the RESTORE in force', async () => {
    const EVENT = `query E($id: ID!) { event(id: $id) { id moderationState } }`;
    // A race: repeated so that, without one-at-a-time application per target, some rounds would end HIDDEN.
    for (let round = 0; round < 8; round += 1) {
      const event = await createEvent(system, staff.token);
      const now = system.clock.now().getTime();
      const hide = {
        targetType: 'EVENT',
        targetId: event.id,
        action: 'HIDE',
        decisionId: randomUUID(),
        decidedAt: new Date(now - 60_000).toISOString(),
      };
      const restore = { ...hide, action: 'RESTORE', decisionId: randomUUID(), decidedAt: new Date(now - 30_000).toISOString() };
      const answers = await Promise.all(round % 2 ? [apply(hide), apply(restore)] : [apply(restore), apply(hide)]);
      expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
      expect((await system.gql<{ event: unknown }>(EVENT, { id: event.id }, staff.token)).data!.event).toEqual({
        id: event.id,
        moderationState: 'VISIBLE',
      });
    }
  });

  it('refuses what does not concern an event', async () => {
    const wrong = await apply({ targetType: 'MEMBER', targetId: member.id, action: 'HIDE', decisionId: randomUUID() });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetType' });
    const action = await apply({ targetType: 'EVENT', targetId: randomUUID(), action: 'SUSPEND', decisionId: randomUUID() });
    expect(action.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'action' });
  });
});
