import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent, DAY, firstError, UPDATE_EVENT, type EventResult } from './helpers';

const REVISION_FIELDS = `id status changedFields title description startsAt endsAt venue { name commune { code } } onlineUrl
  author { id } rejectionReason reviewedBy { id } reviewedAt event { id title }`;
const WITH_REVISION = `query E($id: ID!) { event(id: $id) { id title startsAt pendingRevision { ${REVISION_FIELDS} } proposedRevisions { id status rejectionReason } } }`;
const AGENDA = `query { agenda(first: 100) { edges { node { id title startsAt description venue { name } } } } }`;
const APPROVE = `mutation A($id: ID!) { approveEventRevision(id: $id) { ${REVISION_FIELDS} } }`;
const REJECT = `mutation R($id: ID!, $reason: String!) { rejectEventRevision(id: $id, reason: $reason) { ${REVISION_FIELDS} } }`;
const TO_REVIEW = `query { eventRevisionsToReview(first: 100) { edges { node { id event { id } } } totalCount } }`;

interface Revision {
  id: string;
  status: string;
  changedFields: string[];
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  venue: { name: string; commune: { code: string } } | null;
  onlineUrl: string | null;
  author: { id: string } | null;
  rejectionReason: string | null;
  reviewedBy: { id: string } | null;
  reviewedAt: string | null;
  event: { id: string; title: string } | null;
}
interface WithRevision {
  id: string;
  title: string;
  startsAt: string;
  pendingRevision: Revision | null;
  proposedRevisions: { id: string; status: string; rejectionReason: string | null }[];
}

/**
 * A member (not staff) changing the text, links, place or time of their published event proposes the change: staff
 * review it before visitors see it, and the published version stays visible meanwhile.
 */
describe('changes to a published event by its organizer go back to review', () => {
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

  /** A member's event, published by staff. */
  const published = async (over: Record<string, unknown> = {}): Promise<EventResult> => {
    const event = await createEvent(system, member.token, over);
    const res = await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: event.id }, staff.token);
    expect(res.errors).toBeUndefined();
    return event;
  };
  const publicAgenda = async () =>
    (
      await system.gql<{
        agenda: { edges: { node: { id: string; title: string; startsAt: string; description: string; venue: { name: string } | null } }[] };
      }>(AGENDA)
    ).data!.agenda.edges.map((e) => e.node);
  const seen = async (id: string, token?: string) => (await system.gql<{ event: WithRevision | null }>(WITH_REVISION, { id }, token)).data!.event;

  it('a member edits the title and time of their published event: visitors keep the published version until staff approve', async () => {
    const event = await published({ title: 'Atelier vélo' });
    const later = new Date(new Date(event.startsAt).getTime() + DAY);
    const laterEnd = new Date(later.getTime() + 2 * 3600 * 1000);
    const edited = await system.gql<{ updateEvent: EventResult & { pendingRevision: Revision | null } }>(
      `mutation U($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id title startsAt capacity status pendingRevision { ${REVISION_FIELDS} } } }`,
      { id: event.id, input: { title: 'Atelier vélo et réparation', startsAt: later.toISOString(), endsAt: laterEnd.toISOString(), capacity: 15 } },
      member.token,
    );
    expect(edited.errors).toBeUndefined();
    // The capacity is not reviewed: it changes at once. The title and time wait.
    expect(edited.data!.updateEvent).toMatchObject({ title: 'Atelier vélo', startsAt: event.startsAt, capacity: 15, status: 'PUBLISHED' });
    const pending = edited.data!.updateEvent.pendingRevision!;
    expect(pending).toMatchObject({
      status: 'PENDING',
      changedFields: ['TITLE', 'STARTS_AT', 'ENDS_AT'],
      title: 'Atelier vélo et réparation',
      startsAt: later.toISOString(),
      endsAt: laterEnd.toISOString(),
      author: { id: member.id },
      rejectionReason: null,
      reviewedBy: null,
      event: { id: event.id, title: 'Atelier vélo' },
    });

    // Visitors (the agenda, anonymous) and other members see the published version, and no proposal.
    expect((await publicAgenda()).find((e) => e.id === event.id)).toMatchObject({ title: 'Atelier vélo', startsAt: event.startsAt });
    expect(await seen(event.id)).toMatchObject({ title: 'Atelier vélo', startsAt: event.startsAt, pendingRevision: null, proposedRevisions: [] });
    expect(await seen(event.id, other.token)).toMatchObject({ title: 'Atelier vélo', pendingRevision: null, proposedRevisions: [] });
    // Its author and staff see it; staff find it in their list.
    expect((await seen(event.id, member.token))!.pendingRevision).toMatchObject({ id: pending.id, title: 'Atelier vélo et réparation' });
    expect((await seen(event.id, staff.token))!.pendingRevision).toMatchObject({ id: pending.id });
    const list = await system.gql<{ eventRevisionsToReview: { edges: { node: { id: string; event: { id: string } } }[] } }>(
      TO_REVIEW,
      {},
      staff.token,
    );
    expect(list.data!.eventRevisionsToReview.edges.map((e) => e.node)).toContainEqual({ id: pending.id, event: { id: event.id } });
    expect(firstError(await system.gql(TO_REVIEW, {}, member.token))?.extensions?.code).toBe('FORBIDDEN');

    // Only staff approve; then the agenda shows the new title and time.
    expect(firstError(await system.gql(APPROVE, { id: pending.id }, member.token))?.extensions?.code).toBe('FORBIDDEN');
    const approved = await system.gql<{ approveEventRevision: Revision }>(APPROVE, { id: pending.id }, staff.token);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveEventRevision).toMatchObject({
      status: 'APPROVED',
      reviewedBy: { id: staff.id },
      reviewedAt: expect.any(String),
      event: { id: event.id, title: 'Atelier vélo et réparation' },
    });
    expect((await publicAgenda()).find((e) => e.id === event.id)).toMatchObject({
      title: 'Atelier vélo et réparation',
      startsAt: later.toISOString(),
    });
    expect(await seen(event.id, member.token)).toMatchObject({
      title: 'Atelier vélo et réparation',
      pendingRevision: null,
      proposedRevisions: [{ id: pending.id, status: 'APPROVED', rejectionReason: null }],
    });
    // Approving again changes nothing; a rejection comes too late.
    expect((await system.gql(APPROVE, { id: pending.id }, staff.token)).errors).toBeUndefined();
    expect(firstError(await system.gql(REJECT, { id: pending.id, reason: 'Non' }, staff.token))?.extensions?.code).toBe('CONFLICT');
  });

  it('a rejected revision changes nothing visible; its author reads why', async () => {
    const event = await published({ description: 'Ouvert à toutes et tous.' });
    const edited = await system.gql(
      UPDATE_EVENT,
      {
        id: event.id,
        input: { description: 'Venez nombreux : **cryptos gratuites** !', venue: { name: 'Parking du centre', communeCode: '93066' } },
      },
      member.token,
    );
    expect(edited.errors).toBeUndefined();
    const pending = (await seen(event.id, member.token))!.pendingRevision!;
    expect(pending.changedFields).toEqual(['DESCRIPTION', 'VENUE']);

    const noReason = await system.gql(REJECT, { id: pending.id, reason: '  ' }, staff.token);
    expect(firstError(noReason)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const rejected = await system.gql<{ rejectEventRevision: Revision }>(REJECT, { id: pending.id, reason: 'Contenu publicitaire.' }, staff.token);
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.rejectEventRevision).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'Contenu publicitaire.',
      reviewedBy: { id: staff.id },
    });

    expect((await publicAgenda()).find((e) => e.id === event.id)).toMatchObject({
      description: 'Ouvert à toutes et tous.',
      venue: { name: 'Maison des associations' },
    });
    expect(await seen(event.id, member.token)).toMatchObject({
      pendingRevision: null,
      proposedRevisions: [{ id: pending.id, status: 'REJECTED', rejectionReason: 'Contenu publicitaire.' }],
    });
    expect(firstError(await system.gql(APPROVE, { id: pending.id }, staff.token))?.extensions?.code).toBe('CONFLICT');
    const { rows } = await system.db.query(`SELECT description, venue_name FROM events.events WHERE id = $1`, [event.id]);
    expect(rows).toEqual([{ description: 'Ouvert à toutes et tous.', venue_name: 'Maison des associations' }]);
  });

  it('a second edit builds on the pending revision; approving applies the changed fields over what staff changed meanwhile', async () => {
    const event = await published({ title: 'Pot du quartier' });
    expect((await system.gql(UPDATE_EVENT, { id: event.id, input: { title: 'Pot du quartier Pleyel' } }, member.token)).errors).toBeUndefined();
    expect(
      (await system.gql(UPDATE_EVENT, { id: event.id, input: { onlineUrl: 'https://visio.example.org/pot' } }, member.token)).errors,
    ).toBeUndefined();
    const { rows } = await system.db.query(`SELECT status, changed_fields FROM events.event_revisions WHERE event_id = $1`, [event.id]);
    expect(rows).toEqual([{ status: 'PENDING', changed_fields: ['TITLE', 'ONLINE_URL'] }]);

    // Staff edit the description meanwhile: live at once.
    const byStaff = await system.gql<{ updateEvent: EventResult }>(
      UPDATE_EVENT,
      { id: event.id, input: { description: 'Texte revu par l’équipe.' } },
      staff.token,
    );
    expect(byStaff.data!.updateEvent.description).toBe('Texte revu par l’équipe.');
    const pending = (await seen(event.id, staff.token))!.pendingRevision!;
    expect((await system.gql(APPROVE, { id: pending.id }, staff.token)).errors).toBeUndefined();
    const after = await system.gql<{ event: EventResult }>(`query E($id: ID!) { event(id: $id) { title description onlineUrl } }`, { id: event.id });
    expect(after.data!.event).toEqual({
      title: 'Pot du quartier Pleyel',
      description: 'Texte revu par l’équipe.',
      onlineUrl: 'https://visio.example.org/pot',
    });
  });

  it('an edit that takes every change back withdraws the proposal; invalid proposals are refused and nothing is stored', async () => {
    const event = await published({ title: 'Balade urbaine' });
    expect((await system.gql(UPDATE_EVENT, { id: event.id, input: { title: 'Balade urbaine nocturne' } }, member.token)).errors).toBeUndefined();
    expect((await system.gql(UPDATE_EVENT, { id: event.id, input: { title: 'Balade urbaine' } }, member.token)).errors).toBeUndefined();
    expect((await system.db.query(`SELECT 1 FROM events.event_revisions WHERE event_id = $1`, [event.id])).rowCount).toBe(0);

    const reversed = await system.gql(UPDATE_EVENT, { id: event.id, input: { endsAt: event.startsAt, capacity: 3 } }, member.token);
    expect(firstError(reversed)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
    expect(firstError(reversed)?.message).toBe('La date de fin doit suivre la date de début.');
    expect((await system.db.query(`SELECT 1 FROM events.event_revisions WHERE event_id = $1`, [event.id])).rowCount).toBe(0);
    expect((await system.db.query(`SELECT capacity FROM events.events WHERE id = $1`, [event.id])).rows).toEqual([{ capacity: null }]);
  });

  it("an erased member's proposals keep no link to them", async () => {
    const leaving = await system.signUp();
    const event = await createEvent(system, leaving.token, { title: 'Atelier compost' });
    await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: event.id }, staff.token);
    expect((await system.gql(UPDATE_EVENT, { id: event.id, input: { title: 'Atelier compost collectif' } }, leaving.token)).errors).toBeUndefined();
    const erased = await system.gql(`mutation E($id: ID!) { eraseMemberFromEvents(memberId: $id) }`, { id: leaving.id }, await system.systemToken());
    expect(erased.errors).toBeUndefined();
    const { rows } = await system.db.query(`SELECT author_id, status FROM events.event_revisions WHERE event_id = $1`, [event.id]);
    expect(rows).toEqual([{ author_id: null, status: 'PENDING' }]);
    expect((await seen(event.id, staff.token))!.pendingRevision).toMatchObject({ author: null, title: 'Atelier compost collectif' });
  });

  it('staff edits, and a member editing an event not yet published, go live at once', async () => {
    const byStaff = await createEvent(system, staff.token, { title: 'Formation animation' });
    const staffEdit = await system.gql<{ updateEvent: EventResult }>(
      UPDATE_EVENT,
      { id: byStaff.id, input: { title: 'Formation animation de réunion' } },
      staff.token,
    );
    expect(staffEdit.data!.updateEvent.title).toBe('Formation animation de réunion');
    const proposal = await createEvent(system, member.token, { title: 'Proposition' });
    const memberEdit = await system.gql<{ updateEvent: EventResult }>(
      UPDATE_EVENT,
      { id: proposal.id, input: { title: 'Proposition corrigée' } },
      member.token,
    );
    expect(memberEdit.data!.updateEvent).toMatchObject({ title: 'Proposition corrigée', status: 'PENDING_REVIEW' });
    expect((await system.db.query(`SELECT 1 FROM events.event_revisions WHERE event_id = ANY($1)`, [[byStaff.id, proposal.id]])).rowCount).toBe(0);
  });
});
