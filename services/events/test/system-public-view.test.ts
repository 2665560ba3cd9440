import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { createEvent, DAY } from './helpers';

/**
 * Security review, item 2: the system (the workers' token) keeps staff's authority, but on the content queries it
 * reads what the public reads — the workers e-mail members what they read (digests, reminders, event e-mails).
 */
describe('events: the system reads the public view of the agenda (gateway, Postgres real)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, member] = await Promise.all([system.signUp({ role: 'STAFF' }), system.signUp()]);
    systemToken = await system.systemToken();
  }, 120_000);
  afterAll(() => system?.stop());

  it('agenda, event(id) and systemConfirmedRegistrations leave out pending, refused, draft and hidden events for the system; staff still see them', async () => {
    const pending = await createEvent(system, member.token, { title: 'ACHETEZ DES CRYPTOS' }, 30);
    const refused = await createEvent(system, member.token, { title: 'Proposition refusée' }, 30);
    expect(
      (await system.gql(`mutation R($id: ID!) { rejectEvent(id: $id, reason: "Hors charte.") { id } }`, { id: refused.id }, staff.token)).errors,
    ).toBeUndefined();
    const draft = await createEvent(system, staff.token, { title: 'Brouillon', draft: true }, 30);
    const hidden = await createEvent(system, staff.token, { title: 'Masqué par la modération' }, 30);
    const apply = await system.gql(
      `mutation H($input: ApplyModerationActionInput!) { applyEventModerationAction(input: $input) { appliedAt } }`,
      { input: { targetType: 'EVENT', targetId: hidden.id, action: 'HIDE', decisionId: randomUUID() } },
      systemToken,
    );
    expect(apply.errors).toBeUndefined();
    const published = await createEvent(system, staff.token, { title: 'Publié' }, 30);
    const cancelled = await createEvent(system, staff.token, { title: 'Annulé' }, 30);
    await system.gql(`mutation X($id: ID!) { cancelEvent(id: $id, reason: "Salle indisponible.") { id } }`, { id: cancelled.id }, staff.token);
    // Everyone registered to the hidden one before it was hidden, and to the published one.
    await system.db.query(
      `INSERT INTO events.registrations (event_id, member_id, status) SELECT id, gen_random_uuid(), 'CONFIRMED' FROM events.events WHERE id = ANY($1::uuid[])`,
      [[hidden.id, published.id]],
    );

    const now = system.clock.now().getTime();
    const window = { from: new Date(now + 29 * DAY).toISOString(), to: new Date(now + 31 * DAY).toISOString() };
    const read = async (token: string) => {
      const res = await system.gql<{ agenda: { edges: { node: { id: string } }[] } }>(
        `query A($from: DateTime!, $to: DateTime!) { agenda(filter: { from: $from, to: $to }, first: 100) { edges { node { id } } } }`,
        window,
        token,
      );
      expect(res.errors).toBeUndefined();
      const one = async (id: string) =>
        (await system.gql<{ event: { id: string } | null }>(`query E($id: ID!) { event(id: $id) { id } }`, { id }, token)).data!.event?.id ?? null;
      const ids = [pending, refused, draft, hidden, published, cancelled].map((e) => e.id);
      return { agenda: new Set(res.data!.agenda.edges.map((e) => e.node.id)), byId: new Set((await Promise.all(ids.map(one))).filter(Boolean)) };
    };

    const publicView = new Set([published.id, cancelled.id]);
    const asSystem = await read(systemToken);
    expect(asSystem.agenda).toEqual(publicView);
    expect(asSystem.byId).toEqual(publicView);
    const staffView = await read(staff.token);
    expect(staffView.agenda).toEqual(new Set([pending.id, refused.id, draft.id, hidden.id, published.id, cancelled.id]));

    const regs = await system.gql<{ systemConfirmedRegistrations: { eventId: string }[] }>(
      `query R($from: DateTime!, $to: DateTime!) { systemConfirmedRegistrations(startsFrom: $from, startsBefore: $to) { eventId } }`,
      window,
      systemToken,
    );
    expect(regs.errors).toBeUndefined();
    expect(regs.data!.systemConfirmedRegistrations.map((r) => r.eventId)).toEqual([published.id]);
  });
});
