import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent, DAY, firstError } from './helpers';

const HOUR = 3600 * 1000;

const CERTIFICATE_FIELDS = `id code issuedAt periodStart periodEnd member { id displayName }
  events { title kind startsAt startsAtLocal communeCode communeName } skills { name gainedAt eventTitle }`;
const ISSUE = `mutation { issueParticipationCertificate { ${CERTIFICATE_FIELDS} } }`;
const VERIFY = `query V($code: String!) { participationCertificate(code: $code) { ${CERTIFICATE_FIELDS} } }`;
const MARK = `mutation M($input: MarkAttendanceInput!) { markAttendance(input: $input) { id } }`;
const REGISTER = `mutation R($id: ID!) { registerForEvent(eventId: $id) { id } }`;

interface Certificate {
  id: string;
  code: string;
  issuedAt: string;
  periodStart: string;
  periodEnd: string;
  member: { id: string; displayName: string };
  events: { title: string; kind: string; startsAt: string; startsAtLocal: string; communeCode: string | null; communeName: string | null }[];
  skills: { name: string; gainedAt: string; eventTitle: string }[];
}

/**
 * Participation certificates (issue #19) through the gateway: issued by the member for themself from attendance,
 * reused while nothing changed, checked by staff with the code, refused to others, deleted with the member.
 */
describe('events: participation certificates (gateway, Postgres real)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let learner: TestMember;
  let other: TestMember;
  let formation: string;
  let pot: string;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, learner, other] = await Promise.all([system.signUp({ role: 'STAFF' }), system.signUp({ displayName: 'Awa Diallo' }), system.signUp()]);
  }, 120_000);
  afterAll(() => system?.stop());

  /** A published event (staff's) with the learner registered, moved to start `offsetMs` from now. */
  async function pastEvent(over: Record<string, unknown>, offsetMs: number): Promise<string> {
    const created = await createEvent(system, staff.token, over, 20);
    expect((await system.gql(REGISTER, { id: created.id }, learner.token)).errors).toBeUndefined();
    const start = new Date(system.clock.now().getTime() + offsetMs);
    start.setUTCSeconds(0, 0);
    await system.db.query(`UPDATE events.events SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
      created.id,
      start,
      new Date(start.getTime() + 2 * HOUR),
    ]);
    return created.id;
  }
  const mark = async (eventId: string, status: string) =>
    expect((await system.gql(MARK, { input: { eventId, entries: [{ memberId: learner.id, status }] } }, staff.token)).errors).toBeUndefined();
  const issue = async (token = learner.token) => {
    const res = await system.gql<{ issueParticipationCertificate: Certificate }>(ISSUE, {}, token);
    expect(res.errors).toBeUndefined();
    return res.data!.issueParticipationCertificate;
  };
  const count = async () =>
    (await system.db.query(`SELECT count(*)::int AS n FROM events.participation_certificates WHERE member_id = $1`, [learner.id])).rows[0]
      .n as number;

  it('refuses a member never marked present, in French', async () => {
    const res = await system.gql(ISSUE, {}, learner.token);
    expect(firstError(res)?.extensions?.code).toBe('NOT_FOUND');
    expect(firstError(res)?.message).toMatch(/aucun événement/);
    expect(await count()).toBe(0);
  });

  it('issues the events attended and the skills gained, and reuses it while nothing changed', async () => {
    const skill = await system.gql<{ createSkill: { id: string } }>(
      `mutation { createSkill(input: { name: "Prendre la parole en public" }) { id } }`,
      {},
      staff.token,
    );
    formation = await pastEvent({ title: 'Formation prise de parole', kind: 'FORMATION', skillIds: [skill.data!.createSkill.id] }, -10 * DAY);
    pot = await pastEvent({ title: 'Pot du pote de Montreuil', kind: 'POT_DU_POTE', venue: { name: 'Le Chinois', communeCode: '93048' } }, -3 * DAY);
    const missed = await pastEvent({ title: 'Débat manqué', kind: 'DEBAT' }, -2 * DAY);
    await mark(formation, 'PRESENT');
    await mark(pot, 'PRESENT');
    await mark(missed, 'ABSENT');

    const first = await issue();
    expect(first.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY3469]{4}-[ACDEFGHJKMNPQRTUVWXY3469]{4}-[ACDEFGHJKMNPQRTUVWXY3469]{4}$/);
    expect(first.member).toEqual({ id: learner.id, displayName: 'Awa Diallo' });
    expect(first.events.map((e) => [e.title, e.kind, e.communeName])).toEqual([
      ['Formation prise de parole', 'FORMATION', "L'Île-Saint-Denis"],
      ['Pot du pote de Montreuil', 'POT_DU_POTE', 'Montreuil'],
    ]);
    expect(first.events[0]!.startsAtLocal).toMatch(/\+0[12]:00$/);
    expect(first.skills).toEqual([
      { name: 'Prendre la parole en public', gainedAt: first.events[0]!.startsAt, eventTitle: 'Formation prise de parole' },
    ]);
    expect(first.periodStart).toBe(first.events[0]!.startsAt);
    expect(new Date(first.periodEnd).getTime()).toBe(new Date(first.events[1]!.startsAt).getTime() + 2 * HOUR);

    // Downloaded again: the same certificate, no new row.
    expect(await issue()).toEqual(first);
    expect(await count()).toBe(1);

    // Attendance changed: a new certificate with a new code; the old one still verifies as it was issued.
    await mark(pot, 'ABSENT');
    const second = await issue();
    expect(second.code).not.toBe(first.code);
    expect(second.events.map((e) => e.title)).toEqual(['Formation prise de parole']);
    expect(await count()).toBe(2);
    const old = await system.gql<{ participationCertificate: Certificate | null }>(VERIFY, { code: first.code }, staff.token);
    expect(old.data!.participationCertificate!.events).toHaveLength(2);
  });

  it('staff verify a code (whatever its case and dashes); malformed → BAD_USER_INPUT, unknown → null', async () => {
    const mine = await issue();
    const typed = mine.code.toLowerCase().replace(/-/g, ' ');
    const res = await system.gql<{ participationCertificate: Certificate | null }>(VERIFY, { code: typed }, staff.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.participationCertificate).toEqual(mine);

    const malformed = await system.gql(VERIFY, { code: 'ABC-123' }, staff.token);
    expect(firstError(malformed)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(firstError(malformed)?.message).toMatch(/n'est pas valide/);
    // Well formed, never issued (0 and O, 1 and I never appear in a code: this one is a real candidate).
    const unknown = await system.gql<{ participationCertificate: Certificate | null }>(VERIFY, { code: 'AAAA-AAAA-AAAA' }, staff.token);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.participationCertificate).toBeNull();
  });

  it('a member may not verify (FORBIDDEN), nor a visitor (UNAUTHENTICATED), who may not issue either', async () => {
    const { code } = await issue();
    expect(firstError(await system.gql(VERIFY, { code }, learner.token))?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await system.gql(VERIFY, { code }, other.token))?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await system.gql(VERIFY, { code }))?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(firstError(await system.gql(ISSUE, {}))?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("an erased member's certificates are deleted: their codes no longer verify", async () => {
    const { code } = await issue();
    const erased = await system.gql(`mutation E($id: ID!) { eraseMemberFromEvents(memberId: $id) }`, { id: learner.id }, await system.systemToken());
    expect(erased.errors).toBeUndefined();
    expect(await count()).toBe(0);
    const res = await system.gql<{ participationCertificate: Certificate | null }>(VERIFY, { code }, staff.token);
    expect(res.data!.participationCertificate).toBeNull();
  });
});
