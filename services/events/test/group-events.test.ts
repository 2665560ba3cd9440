import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { eventInput, firstError } from './helpers';

const CREATE = `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id status group { id name } } }`;
const CREATE_GROUP = `mutation G($input: CreateGroupInput!) { createGroup(input: $input) { id } }`;
const GROUP_EVENTS = `query GE($id: ID!) { group(id: $id) { id events { id title group { id } } } }`;
const EVENT_GROUP = `query E($id: ID!) { event(id: $id) { id group { id name } } }`;

/**
 * Group events (issue #20) through the gateway: a group's admins propose events for it (events asks members, as the
 * viewer, for their role in the group), others may not; Event.group and Group.events across the two subgraphs.
 */
describe('events: group events (gateway, Postgres real)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let admin: TestMember;
  let plain: TestMember;
  let outsider: TestMember;
  let groupId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, admin, plain, outsider] = await Promise.all([system.signUp({ role: 'STAFF' }), system.signUp(), system.signUp(), system.signUp()]);
    const group = await system.gql<{ createGroup: { id: string } }>(
      CREATE_GROUP,
      { input: { name: 'Collectif Vélo Bobigny', communeCode: '93008' } },
      admin.token,
    );
    groupId = group.data!.createGroup.id;
    expect((await system.gql(`mutation J($id: ID!) { joinGroup(groupId: $id) { id } }`, { id: groupId }, plain.token)).errors).toBeUndefined();
  }, 120_000);
  afterAll(() => system?.stop());

  it("lets a group's admins propose an event for it, listed on the group once published; refuses others", async () => {
    const proposed = await system.gql<{ createEvent: { id: string; status: string; group: unknown } }>(
      CREATE,
      { input: eventInput(system.clock.now(), { title: 'Balade à vélo des quais', groupId }) },
      admin.token,
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.createEvent).toEqual({
      id: expect.any(String),
      status: 'PENDING_REVIEW',
      group: { id: groupId, name: 'Collectif Vélo Bobigny' },
    });
    const eventId = proposed.data!.createEvent.id;

    // A plain member of the group and someone outside it may not; an unknown group names the field.
    for (const member of [plain, outsider]) {
      const refused = await system.gql(CREATE, { input: eventInput(system.clock.now(), { groupId }) }, member.token);
      expect(firstError(refused)?.extensions?.code).toBe('FORBIDDEN');
      expect(firstError(refused)?.message).toBe('Seuls les administrateurs du groupe peuvent proposer un événement en son nom.');
    }
    const unknown = await system.gql(
      CREATE,
      { input: eventInput(system.clock.now(), { groupId: '00000000-0000-4000-8000-000000000000' }) },
      admin.token,
    );
    expect(firstError(unknown)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupId' });
    // Staff may propose for any group (published at once).
    const byStaff = await system.gql<{ createEvent: { status: string; group: { id: string } } }>(
      CREATE,
      { input: eventInput(system.clock.now(), { title: 'Atelier réparation vélo', groupId }, 3) },
      staff.token,
    );
    expect(byStaff.errors).toBeUndefined();
    expect(byStaff.data!.createEvent).toMatchObject({ status: 'PUBLISHED', group: { id: groupId } });

    // Before review, the group's page lists only the published event; after, both, by start.
    const before = await system.gql<{ group: { events: { title: string }[] } }>(GROUP_EVENTS, { id: groupId });
    expect(before.data!.group.events.map((e) => e.title)).toEqual(['Atelier réparation vélo']);
    expect((await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: eventId }, staff.token)).errors).toBeUndefined();
    const after = await system.gql<{ group: { events: { title: string; group: { id: string } }[] } }>(GROUP_EVENTS, { id: groupId }, outsider.token);
    expect(after.errors).toBeUndefined();
    expect(after.data!.group.events.map((e) => e.title)).toEqual(['Atelier réparation vélo', 'Balade à vélo des quais']);
    expect(after.data!.group.events.every((e) => e.group.id === groupId)).toBe(true);

    // A group for members only: visitors see the event, not its group.
    const hide = await system.gql(
      `mutation U($input: UpdateGroupInput!) { updateGroup(input: $input) { id } }`,
      { input: { groupId, visibility: 'MEMBERS' } },
      admin.token,
    );
    expect(hide.errors).toBeUndefined();
    expect((await system.gql<{ event: unknown }>(EVENT_GROUP, { id: eventId })).data!.event).toEqual({ id: eventId, group: null });
    expect((await system.gql<{ event: unknown }>(EVENT_GROUP, { id: eventId }, outsider.token)).data!.event).toEqual({
      id: eventId,
      group: { id: groupId, name: 'Collectif Vélo Bobigny' },
    });
  });
});
