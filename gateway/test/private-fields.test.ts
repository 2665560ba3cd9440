/**
 * Private fields and other members' ids (IDOR): what belongs to one member is never readable or writable
 * by another, whatever id they send; staff read what their work needs.
 */
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';

describe("a member cannot reach another member's private data", () => {
  let system: TestSystem;
  let alice: TestMember;
  let bob: TestMember;
  let staff: TestMember;
  let draftId: string;
  let publishedId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    alice = await system.signUp({ displayName: 'Alice Martin' });
    bob = await system.signUp({ displayName: 'Bob Traoré' });
    staff = await system.signUp({ role: 'STAFF' });
    await system.gql(`mutation { updateMyProfile(input: { profileVisibility: PUBLIC }) { id } }`, {}, alice.token);
    const input = (title: string) => ({
      title,
      kind: 'ATELIER',
      startsAt: new Date(system.clock.now().getTime() + 10 * 86_400_000).toISOString(),
      endsAt: new Date(system.clock.now().getTime() + 10 * 86_400_000 + 7_200_000).toISOString(),
      onlineUrl: 'https://visio.example.org/atelier',
      capacity: 10,
    });
    const create = `mutation Create($input: CreateEventInput!) { createEvent(input: $input) { id status } }`;
    const draft = await system.gql<{ createEvent: { id: string } }>(create, { input: input('Brouillon d’Alice') }, alice.token);
    draftId = draft.data!.createEvent.id;
    const proposed = await system.gql<{ createEvent: { id: string } }>(create, { input: input('Atelier public') }, alice.token);
    publishedId = proposed.data!.createEvent.id;
    await system.gql(`mutation { publishEvent(id: "${publishedId}") { id } }`, {}, staff.token);
    await system.gql(`mutation { registerForEvent(eventId: "${publishedId}") { id } }`, {}, alice.token);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const privateProfile = (id: string) => `{
    member(id: "${id}") {
      displayName email notificationPreferences { digestFrequency } calendarFeedUrl
      registrations { totalCount } moderationHistory { id }
    }
  }`;

  it('shows a public profile to another member without its private fields', async () => {
    const response = await system.gql<{ member: Record<string, unknown> }>(privateProfile(alice.id), {}, bob.token);
    expect(response.data?.member).toEqual({
      displayName: 'Alice Martin',
      email: null,
      notificationPreferences: null,
      calendarFeedUrl: null,
      registrations: null,
      moderationHistory: null,
    });
  });

  it('shows the member their own private fields, and staff what moderation needs', async () => {
    const own = await system.gql<{ member: Record<string, unknown> }>(privateProfile(alice.id), {}, alice.token);
    expect(own.data?.member).toMatchObject({ email: alice.email, registrations: { totalCount: 1 } });
    expect(own.data?.member.calendarFeedUrl).toEqual(expect.stringMatching(/^http.*\.ics$/));
    const byStaff = await system.gql<{ member: Record<string, unknown> }>(privateProfile(alice.id), {}, staff.token);
    expect(byStaff.data?.member).toMatchObject({ email: alice.email, moderationHistory: [] });
  });

  it("hides another member's draft, and refuses to edit or cancel it", async () => {
    expect((await system.gql(`{ event(id: "${draftId}") { id } }`, {}, bob.token)).data).toEqual({ event: null });
    expect((await system.gql(`{ event(id: "${draftId}") { id } }`)).data).toEqual({ event: null });
    const edit = await system.gql(`mutation { updateEvent(id: "${draftId}", input: { title: "Piraté" }) { id } }`, {}, bob.token);
    expect(edit.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    const cancel = await system.gql(`mutation { cancelEvent(id: "${publishedId}", reason: "non") { id } }`, {}, bob.token);
    expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const title = await system.db.query('SELECT title, status FROM events.events WHERE id = $1', [draftId]);
    expect(title.rows[0].title).toBe('Brouillon d’Alice');
  });

  it('gives attendee lists to the organizer and staff only', async () => {
    const query = `{ event(id: "${publishedId}") { attendeeCount attendees { totalCount } } }`;
    expect((await system.gql(query, {}, bob.token)).data).toEqual({ event: { attendeeCount: 1, attendees: null } });
    expect((await system.gql(query)).data).toEqual({ event: { attendeeCount: 1, attendees: null } });
    expect((await system.gql(query, {}, alice.token)).data).toEqual({ event: { attendeeCount: 1, attendees: { totalCount: 1 } } });
    expect((await system.gql(query, {}, staff.token)).data).toEqual({ event: { attendeeCount: 1, attendees: { totalCount: 1 } } });
  });

  it("cannot cancel someone else's registration by sending their ids", async () => {
    await system.gql(`mutation { cancelRegistration(eventId: "${publishedId}") { status } }`, {}, bob.token);
    const rows = await system.db.query(`SELECT status FROM events.registrations WHERE event_id = $1`, [publishedId]);
    expect(rows.rows.map((r) => r.status)).toEqual(['CONFIRMED']);
  });

  it("cannot read another member's calendar feed without its secret", async () => {
    const own = await system.gql<{ me: { calendarFeedUrl: string } }>('{ me { calendarFeedUrl } }', {}, alice.token);
    const path = new URL(own.data!.me.calendarFeedUrl).pathname;
    const guessed = await fetch(`${system.origin}/calendar/${'a'.repeat(43)}.ics`);
    expect(guessed.status).toBe(404);
    const real = await fetch(`${system.origin}${path}`);
    expect(real.status).toBe(200);
    expect(await real.text()).toContain('Atelier public');
  });
});
