import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent } from './helpers';

/**
 * An event's attendees as its organizer (a member) reads them: an attendee whose profile is hidden from the organizer
 * is a null `member`, the list still reads (a non-null `Registration.member` nulled the whole list).
 */
describe('attendees whose profile is hidden from the organizer', () => {
  let system: TestSystem;
  let staff: TestMember;
  let organizer: TestMember;
  let hidden: TestMember;
  let shown: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, organizer, hidden, shown] = await Promise.all([
      system.signUp({ role: 'STAFF' }),
      system.signUp(),
      system.signUp({ displayName: 'Chloé Discrète' }),
      system.signUp({ displayName: 'Awa Présente' }),
    ]);
    const hide = await system.gql(`mutation { updateMyProfile(input: { profileVisibility: STAFF }) { id } }`, {}, hidden.token);
    expect(hide.errors).toBeUndefined();
  });
  afterAll(() => system?.stop());

  const ATTENDEES = `query A($id: ID!) { event(id: $id) { attendees { totalCount edges { node { status member { id displayName } } } } } }`;
  type Attendees = {
    event: { attendees: { totalCount: number; edges: { node: { status: string; member: { id: string; displayName: string } | null } }[] } | null };
  };

  it('keeps the list, the hidden attendee unnamed; staff see every name', async () => {
    const event = await createEvent(system, organizer.token);
    expect((await system.gql(`mutation($id: ID!) { publishEvent(id: $id) { id } }`, { id: event.id }, staff.token)).errors).toBeUndefined();
    for (const member of [hidden, shown]) {
      expect(
        (await system.gql(`mutation($id: ID!) { registerForEvent(eventId: $id) { id } }`, { id: event.id }, member.token)).errors,
      ).toBeUndefined();
    }

    const byOrganizer = await system.gql<Attendees>(ATTENDEES, { id: event.id }, organizer.token);
    expect(byOrganizer.errors).toBeUndefined();
    expect(byOrganizer.data!.event.attendees).toEqual({
      totalCount: 2,
      edges: [
        { node: { status: 'CONFIRMED', member: null } },
        { node: { status: 'CONFIRMED', member: { id: shown.id, displayName: 'Awa Présente' } } },
      ],
    });
    expect(JSON.stringify(byOrganizer)).not.toContain('Chloé');

    const byStaff = await system.gql<Attendees>(ATTENDEES, { id: event.id }, staff.token);
    expect(byStaff.data!.event.attendees!.edges.map((edge) => edge.node.member)).toEqual([
      { id: hidden.id, displayName: 'Chloé Discrète' },
      { id: shown.id, displayName: 'Awa Présente' },
    ]);
    // Ids alone never ask the members service: the workers' e-mails to attendees keep every id.
    const ids = await system.gql<{ event: { attendees: { edges: { node: { member: { id: string } } }[] } } }>(
      `query A($id: ID!) { event(id: $id) { attendees { edges { node { member { id } } } } } }`,
      { id: event.id },
      organizer.token,
    );
    expect(ids.data!.event.attendees.edges.map((edge) => edge.node.member.id)).toEqual([hidden.id, shown.id]);
  });
});
