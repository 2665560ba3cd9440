import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { CREATE_EVENT, createEvent, DAY, EVENT, eventInput, firstError, UPDATE_EVENT, type EventResult } from './helpers';

const TO_REVIEW = `query Review($first: Int, $after: String) {
  eventsToReview(first: $first, after: $after) { totalCount edges { cursor node { id status } } pageInfo { hasNextPage endCursor } }
}`;

describe('events: fields and life cycle', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    member = await system.signUp();
    other = await system.signUp();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('publishes a staff event directly, with every field, Paris local times and sanitised HTML', async () => {
    // A January and a July (winter and summer time) of a year to come, whatever the run's date.
    const year = system.clock.now().getUTCFullYear() + 2;
    const res = await system.gql<{ createEvent: EventResult }>(
      CREATE_EVENT,
      {
        input: {
          title: '  Pot du pote de décembre ',
          description: 'Venez **nombreux** !\n\n<script>alert(1)</script> [lien](javascript:alert(1))',
          kind: 'POT_DU_POTE',
          startsAt: `${year}-01-15T18:00:00.000Z`,
          endsAt: `${year}-01-15T21:30:00.000Z`,
          venue: { name: 'Le Petit Bain', address: '7 port de la Gare', communeCode: '75056', latitude: 48.8353, longitude: 2.3775 },
          onlineUrl: 'https://visio.example.org/pot',
          capacity: 40,
          themes: ['CULTURE', 'SOLIDARITE', 'CULTURE'],
        },
      },
      staff.token,
    );
    expect(res.errors).toBeUndefined();
    const event = res.data!.createEvent;
    expect(event).toMatchObject({
      title: 'Pot du pote de décembre',
      kind: 'POT_DU_POTE',
      status: 'PUBLISHED',
      startsAt: `${year}-01-15T18:00:00.000Z`,
      startsAtLocal: `${year}-01-15T19:00:00+01:00`,
      endsAtLocal: `${year}-01-15T22:30:00+01:00`,
      venue: { name: 'Le Petit Bain', address: '7 port de la Gare', commune: { code: '75056' }, latitude: 48.8353, longitude: 2.3775 },
      onlineUrl: 'https://visio.example.org/pot',
      capacity: 40,
      attendeeCount: 0,
      spotsLeft: 40,
      waitlistCount: 0,
      organizer: { id: staff.id },
      themes: ['CULTURE', 'SOLIDARITE'],
      reminderOffsetsHours: [24],
      calendarSequence: 0,
      cancellationReason: null,
    });
    expect(event.descriptionHtml).toContain('<strong>nombreux</strong>');
    expect(event.descriptionHtml).not.toContain('<script');
    expect(event.descriptionHtml).not.toMatch(/href="javascript/);

    // Summer time: 19:00 in Paris is 17:00 UTC.
    const summer = await createEvent(system, staff.token, { startsAt: `${year}-07-15T17:00:00.000Z`, endsAt: `${year}-07-15T19:00:00.000Z` });
    expect(summer.startsAtLocal).toBe(`${year}-07-15T19:00:00+02:00`);

    // Anyone sees a published event, unlimited capacity gives no spotsLeft.
    const online = await createEvent(system, staff.token, { venue: null, onlineUrl: 'http://example.org/live', capacity: null });
    const seen = await system.gql<{ event: EventResult }>(EVENT, { id: online.id });
    expect(seen.data!.event).toMatchObject({ id: online.id, venue: null, capacity: null, spotsLeft: null });
  });

  it('keeps a staff draft hidden, and refuses drafts to members', async () => {
    const draft = await createEvent(system, staff.token, { draft: true });
    expect(draft.status).toBe('DRAFT');
    expect((await system.gql<{ event: unknown }>(EVENT, { id: draft.id }, member.token)).data!.event).toBeNull();
    expect((await system.gql<{ event: unknown }>(EVENT, { id: draft.id })).data!.event).toBeNull();
    const refused = await system.gql(CREATE_EVENT, { input: eventInput(system.clock.now(), { draft: true }) }, member.token);
    expect(firstError(refused)?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await system.gql(CREATE_EVENT, { input: eventInput(system.clock.now()) });
    expect(firstError(anonymous)?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("sends a member's event to review, then staff publish or reject it", async () => {
    const proposal = await createEvent(system, member.token, { title: 'Balade urbaine' });
    expect(proposal.status).toBe('PENDING_REVIEW');
    // Hidden from others, visible to its organizer.
    expect((await system.gql<{ event: unknown }>(EVENT, { id: proposal.id }, other.token)).data!.event).toBeNull();
    expect((await system.gql<{ event: EventResult }>(EVENT, { id: proposal.id }, member.token)).data!.event.id).toBe(proposal.id);

    // Listed for staff only.
    const review = await system.gql<{ eventsToReview: { totalCount: number; edges: { node: { id: string } }[] } }>(TO_REVIEW, {}, staff.token);
    expect(review.errors).toBeUndefined();
    expect(review.data!.eventsToReview.edges.map((e) => e.node.id)).toContain(proposal.id);
    expect(firstError(await system.gql(TO_REVIEW, {}, member.token))?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await system.gql(TO_REVIEW, {}))?.extensions?.code).toBe('UNAUTHENTICATED');

    // A member cannot publish.
    const publishByMember = await system.gql(`mutation { publishEvent(id: "${proposal.id}") { id } }`, {}, member.token);
    expect(firstError(publishByMember)?.extensions?.code).toBe('FORBIDDEN');

    const published = await system.gql<{ publishEvent: EventResult }>(
      `mutation P($id: ID!) { publishEvent(id: $id) { id status } }`,
      { id: proposal.id },
      staff.token,
    );
    expect(published.data!.publishEvent.status).toBe('PUBLISHED');
    expect((await system.gql<{ event: EventResult }>(EVENT, { id: proposal.id })).data!.event.status).toBe('PUBLISHED');
    const after = await system.gql<{ eventsToReview: { edges: { node: { id: string } }[] } }>(TO_REVIEW, {}, staff.token);
    expect(after.data!.eventsToReview.edges.map((e) => e.node.id)).not.toContain(proposal.id);

    // Rejection: the reason is for the organizer and staff; editing proposes it again.
    const second = await createEvent(system, member.token, { title: 'Proposition à revoir' });
    const noReason = await system.gql(`mutation R($id: ID!) { rejectEvent(id: $id, reason: "  ") { id } }`, { id: second.id }, staff.token);
    expect(firstError(noReason)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const rejected = await system.gql<{ rejectEvent: EventResult }>(
      `mutation R($id: ID!) { rejectEvent(id: $id, reason: "Il manque le lieu exact.") { id status rejectionReason } }`,
      { id: second.id },
      staff.token,
    );
    expect(rejected.data!.rejectEvent).toEqual({ id: second.id, status: 'REJECTED', rejectionReason: 'Il manque le lieu exact.' });
    const mine = await system.gql<{ event: EventResult }>(EVENT, { id: second.id }, member.token);
    expect(mine.data!.event).toMatchObject({ status: 'REJECTED', rejectionReason: 'Il manque le lieu exact.' });
    const edited = await system.gql<{ updateEvent: EventResult }>(
      UPDATE_EVENT,
      { id: second.id, input: { venue: { name: 'Salle Marcel Paul', communeCode: '93039' } } },
      member.token,
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateEvent).toMatchObject({ status: 'PENDING_REVIEW', rejectionReason: null, venue: { name: 'Salle Marcel Paul' } });
  });

  it('lets the organizer or staff update and cancel, nobody else', async () => {
    const event = await createEvent(system, staff.token);
    const byOther = await system.gql(UPDATE_EVENT, { id: event.id, input: { title: 'Piraté' } }, other.token);
    expect(firstError(byOther)?.extensions?.code).toBe('FORBIDDEN');
    const cancelByOther = await system.gql(`mutation C($id: ID!) { cancelEvent(id: $id, reason: "non") { id } }`, { id: event.id }, other.token);
    expect(firstError(cancelByOther)?.extensions?.code).toBe('FORBIDDEN');

    const mine = await createEvent(system, member.token);
    await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: mine.id }, staff.token);
    const updated = await system.gql<{ updateEvent: EventResult }>(
      UPDATE_EVENT,
      { id: mine.id, input: { title: 'Nouveau titre', capacity: 12, themes: ['LOGEMENT'], description: 'Texte *mis à jour*' } },
      member.token,
    );
    expect(updated.errors).toBeUndefined();
    // Published: capacity and themes change at once; the new title and text wait for staff (revisions.test.ts).
    expect(updated.data!.updateEvent).toMatchObject({
      title: mine.title,
      capacity: 12,
      themes: ['LOGEMENT'],
      descriptionHtml: mine.descriptionHtml,
      status: 'PUBLISHED',
    });

    const cancelled = await system.gql<{ cancelEvent: EventResult }>(
      `mutation C($id: ID!) { cancelEvent(id: $id, reason: "Salle indisponible") { id status cancellationReason } }`,
      { id: mine.id },
      member.token,
    );
    expect(cancelled.data!.cancelEvent).toEqual({ id: mine.id, status: 'CANCELLED', cancellationReason: 'Salle indisponible' });
    // Still public, shown as cancelled; no more edits.
    expect((await system.gql<{ event: EventResult }>(EVENT, { id: mine.id })).data!.event.status).toBe('CANCELLED');
    const late = await system.gql(UPDATE_EVENT, { id: mine.id, input: { title: 'Encore' } }, member.token);
    expect(firstError(late)?.extensions?.code).toBe('CONFLICT');
    const unknown = await system.gql(UPDATE_EVENT, { id: '00000000-0000-4000-8000-000000000000', input: { title: 'x' } }, staff.token);
    expect(firstError(unknown)?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reminderOffsetsHours: [24] by default, chosen from the allowed set at creation, changed by the organizer or staff only', async () => {
    const stored = async (id: string) =>
      (await system.db.query<{ reminder_offsets_hours: number[] }>(`SELECT reminder_offsets_hours FROM events.events WHERE id = $1`, [id])).rows[0]!
        .reminder_offsets_hours;
    // The allowed set (REMINDER_OFFSETS_HOURS, default 72,24,3), largest first, for the forms.
    expect((await system.gql<{ reminderOffsetChoices: number[] }>(`{ reminderOffsetChoices }`)).data!.reminderOffsetChoices).toEqual([72, 24, 3]);

    const plain = await createEvent(system, staff.token);
    expect(plain.reminderOffsetsHours).toEqual([24]);
    expect(await stored(plain.id)).toEqual([24]);
    const asked = await createEvent(system, member.token, { reminderOffsetsHours: [3, 72, 3] });
    expect(asked.reminderOffsetsHours).toEqual([72, 3]);
    expect(await stored(asked.id)).toEqual([72, 3]);
    // Not in the allowed set: refused in French, naming the field.
    const wrong = await system.gql(CREATE_EVENT, { input: eventInput(system.clock.now(), { reminderOffsetsHours: [24, 5] }) }, staff.token);
    expect(firstError(wrong)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reminderOffsetsHours' });
    expect(firstError(wrong)?.message).toBe("Les rappels se choisissent parmi 72, 24 ou 3 heures avant le début (5 n'en fait pas partie).");
    await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: asked.id }, staff.token);

    // Another member may not change it, nor may anyone anonymous.
    const byOther = await system.gql(UPDATE_EVENT, { id: asked.id, input: { reminderOffsetsHours: [] } }, other.token);
    expect(firstError(byOther)?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await system.gql(UPDATE_EVENT, { id: asked.id, input: { reminderOffsetsHours: [] } });
    expect(firstError(anonymous)?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stored(asked.id)).toEqual([72, 3]);

    // The organizer removes them all; another edit leaves them as they are; staff choose others.
    const off = await system.gql<{ updateEvent: EventResult }>(UPDATE_EVENT, { id: asked.id, input: { reminderOffsetsHours: [] } }, member.token);
    expect(off.errors).toBeUndefined();
    expect(off.data!.updateEvent).toMatchObject({ reminderOffsetsHours: [], status: 'PUBLISHED' });
    const untouched = await system.gql<{ updateEvent: EventResult }>(UPDATE_EVENT, { id: asked.id, input: { capacity: 12 } }, member.token);
    expect(untouched.data!.updateEvent.reminderOffsetsHours).toEqual([]);
    const on = await system.gql<{ updateEvent: EventResult }>(UPDATE_EVENT, { id: plain.id, input: { reminderOffsetsHours: [24, 3] } }, staff.token);
    expect(on.data!.updateEvent.reminderOffsetsHours).toEqual([24, 3]);
    const keep = await system.gql<{ updateEvent: EventResult }>(
      UPDATE_EVENT,
      { id: plain.id, input: { reminderOffsetsHours: null, capacity: 9 } },
      staff.token,
    );
    expect(keep.data!.updateEvent).toMatchObject({ reminderOffsetsHours: [24, 3], capacity: 9 });
    expect(await stored(plain.id)).toEqual([24, 3]);
  });

  it('refuses invalid input with French messages naming the field', async () => {
    /** The run's now moved by `days`, on the minute. */
    const at = (days: number) => {
      const date = new Date(system.clock.now().getTime() + days * DAY);
      date.setUTCSeconds(0, 0);
      return date.toISOString();
    };
    const cases: [Record<string, unknown>, string][] = [
      // eventInput starts 7 days after now.
      [{ endsAt: at(6) }, 'endsAt'],
      // Started an hour ago on the run's clock.
      [{ startsAt: at(-1 / 24), endsAt: at(1 / 24) }, 'startsAt'],
      [{ venue: { name: 'Nulle part', communeCode: '99999' } }, 'venue.communeCode'],
      [{ onlineUrl: 'ftp://example.org/fichier' }, 'onlineUrl'],
      [{ onlineUrl: 'javascript:alert(1)' }, 'onlineUrl'],
      [{ capacity: 0 }, 'capacity'],
      [{ venue: null, onlineUrl: null }, 'venue'],
      [{ title: '   ' }, 'title'],
      [{ venue: { name: 'Au large', communeCode: '93039', latitude: 200, longitude: 2.3 } }, 'venue.latitude'],
    ];
    for (const [over, field] of cases) {
      const res = await system.gql(CREATE_EVENT, { input: eventInput(system.clock.now(), over) }, staff.token);
      const error = firstError(res);
      expect({ field, extensions: error?.extensions }).toMatchObject({ field, extensions: { code: 'BAD_USER_INPUT', field } });
      expect(error!.message).toMatch(/[éèàa-z]/);
    }
    const endBefore = await system.gql(CREATE_EVENT, { input: eventInput(system.clock.now(), { endsAt: at(-365) }) }, staff.token);
    expect(firstError(endBefore)?.message).toBe('La date de fin doit suivre la date de début.');
    // On update: moving the start into the past, or the end before the start, is refused; other edits are not blocked.
    const event = await createEvent(system, staff.token);
    const moved = await system.gql(UPDATE_EVENT, { id: event.id, input: { startsAt: at(-2) } }, staff.token);
    expect(firstError(moved)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsAt' });
    const reversed = await system.gql(UPDATE_EVENT, { id: event.id, input: { endsAt: event.startsAt } }, staff.token);
    expect(firstError(reversed)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
    const tooLong = await system.gql(
      UPDATE_EVENT,
      { id: event.id, input: { endsAt: new Date(new Date(event.startsAt).getTime() + 40 * 86_400_000).toISOString() } },
      staff.token,
    );
    expect(firstError(tooLong)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
    expect(firstError(tooLong)?.message).toMatch(/au plus 31 jours/);
    const badUrl = await system.gql(UPDATE_EVENT, { id: event.id, input: { onlineUrl: 'mailto:x@example.org' } }, staff.token);
    expect(firstError(badUrl)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'onlineUrl' });
    const badCommune = await system.gql(UPDATE_EVENT, { id: event.id, input: { venue: { name: 'Ailleurs', communeCode: '2A004' } } }, staff.token);
    expect(firstError(badCommune)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'venue.communeCode' });
    const fine = await system.gql(UPDATE_EVENT, { id: event.id, input: { title: 'Titre corrigé' } }, staff.token);
    expect(fine.errors).toBeUndefined();
    const count = await system.db.query(`SELECT count(*)::int AS n FROM events.events WHERE title = 'Nulle part'`);
    expect(count.rows[0].n).toBe(0);
  });

  it("lists a member's organized events, hiding unpublished ones from others", async () => {
    const someone = await system.signUp();
    const published = await createEvent(system, someone.token);
    await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: published.id }, staff.token);
    const pending = await createEvent(system, someone.token);
    const query = `query M($id: ID!) { member(id: $id) { organizedEvents { id status } } }`;
    const asOther = await system.gql<{ member: { organizedEvents: { id: string }[] } | null }>(query, { id: someone.id }, other.token);
    expect(asOther.errors).toBeUndefined();
    expect(asOther.data!.member!.organizedEvents.map((e) => e.id)).toEqual([published.id]);
    const asSelf = await system.gql<{ member: { organizedEvents: { id: string }[] } }>(query, { id: someone.id }, someone.token);
    expect(asSelf.data!.member.organizedEvents.map((e) => e.id).sort()).toEqual([published.id, pending.id].sort());
  });

  it("contributes a commune's upcoming events, and resolves the venue's commune through members", async () => {
    const a = await createEvent(system, staff.token, { venue: { name: 'Mairie', communeCode: '93066' } }, 3);
    const b = await createEvent(system, staff.token, { venue: { name: 'Stade', communeCode: '93066' } }, 2);
    await createEvent(system, member.token, { venue: { name: 'Pas publié', communeCode: '93066' } }, 1);
    const cancelled = await createEvent(system, staff.token, { venue: { name: 'Annulé', communeCode: '93066' } }, 1);
    await system.gql(`mutation C($id: ID!) { cancelEvent(id: $id, reason: "Pluie") { id } }`, { id: cancelled.id }, staff.token);
    const res = await system.gql<{ commune: { code: string; upcomingEvents: { id: string }[]; first: { id: string }[] } }>(
      `{ commune(code: "93066") { code upcomingEvents { id } first: upcomingEvents(first: 1) { id } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.commune.upcomingEvents.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(res.data!.commune.first.map((e) => e.id)).toEqual([b.id]);
    const venue = await system.gql<{ event: { venue: { commune: { code: string; name: string } } } }>(
      `query E($id: ID!) { event(id: $id) { venue { commune { code name } } } }`,
      { id: a.id },
    );
    expect(venue.errors).toBeUndefined();
    expect(venue.data!.event.venue.commune).toEqual({ code: '93066', name: 'Saint-Denis' });
  });
});
