import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent } from './helpers';

const REGISTER = `mutation R($id: ID!) { registerForEvent(eventId: $id) { status waitlistPosition } }`;
const CANCEL = `mutation C($id: ID!) { cancelRegistration(eventId: $id) { status } }`;
const WAITLIST = `query W($id: ID!, $after: String) { event(id: $id) { waitlist(first: 2, after: $after) {
  totalCount edges { node { member { id } status waitlistPosition } } pageInfo { hasNextPage endCursor } } } }`;
type Waitlist = {
  event: {
    waitlist: {
      totalCount: number;
      edges: { node: { member: { id: string }; status: string; waitlistPosition: number } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } | null;
  };
};

describe('Event.waitlist', () => {
  let system: TestSystem;
  let staff: TestMember;
  let organizer: TestMember;
  const people: TestMember[] = [];

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    organizer = await system.signUp();
    for (let i = 0; i < 5; i += 1) people.push(await system.signUp());
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
  });

  it('lists the waitlist in order, paged, to the organizer and staff only', async () => {
    const event = await createEvent(system, organizer.token, { capacity: 1 }, 5);
    expect((await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: event.id }, staff.token)).errors).toBeUndefined();
    for (const p of people) expect((await system.gql(REGISTER, { id: event.id }, p.token)).errors).toBeUndefined();

    const first = await system.gql<Waitlist>(WAITLIST, { id: event.id }, organizer.token);
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.event.waitlist!;
    expect(page1.totalCount).toBe(4);
    expect(page1.edges.map((e) => [e.node.member.id, e.node.status, e.node.waitlistPosition])).toEqual([
      [people[1]!.id, 'WAITLISTED', 1],
      [people[2]!.id, 'WAITLISTED', 2],
    ]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await system.gql<Waitlist>(WAITLIST, { id: event.id, after: page1.pageInfo.endCursor }, staff.token)).data!.event.waitlist!;
    expect(page2.edges.map((e) => e.node.member.id)).toEqual([people[3]!.id, people[4]!.id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    // The confirmed one leaves: the first waitlisted gets the place, the others move up.
    await system.gql(CANCEL, { id: event.id }, people[0]!.token);
    const after = (await system.gql<Waitlist>(WAITLIST, { id: event.id }, staff.token)).data!.event.waitlist!;
    expect(after.totalCount).toBe(3);
    expect(after.edges.map((e) => [e.node.member.id, e.node.waitlistPosition])).toEqual([
      [people[2]!.id, 1],
      [people[3]!.id, 2],
    ]);

    expect((await system.gql<Waitlist>(WAITLIST, { id: event.id }, people[1]!.token)).data!.event.waitlist).toBeNull();
    expect((await system.gql<Waitlist>(WAITLIST, { id: event.id })).data!.event.waitlist).toBeNull();
    const bad = await system.gql<Waitlist>(WAITLIST, { id: event.id, after: 'pas-un-curseur' }, staff.token);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
