import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent, DAY, firstError } from './helpers';

const HOUR = 3600 * 1000;

const CREATE_SKILL = `mutation ($input: SkillInput!) { createSkill(input: $input) { id name } }`;
const MARK = `mutation M($input: MarkAttendanceInput!) { markAttendance(input: $input) { id } }`;
const REGISTER = `mutation R($id: ID!) { registerForEvent(eventId: $id) { id status } }`;
const PATH = `query P($id: ID!) {
  member(id: $id) {
    id
    skillsGained { skill { id name } event { id } gainedAt }
    trainingPath {
      events { id kind }
      skillsGained { skill { id } event { id } gainedAt }
      suggestions { id startsAt }
    }
  }
}`;

interface Gained {
  skill: { id: string; name?: string };
  event: { id: string };
  gainedAt: string;
}
interface PathView {
  id: string;
  skillsGained: Gained[] | null;
  trainingPath: { events: { id: string; kind: string }[]; skillsGained: Gained[]; suggestions: { id: string; startsAt: string }[] } | null;
}

/**
 * Skills gained and the training path (issue #19) through the gateway, on the test kit's fixed clock: derived from
 * attendance (PRESENT gives an event's skills, ABSENT takes them back), the path in order, suggestions, who reads it.
 */
describe('events: skills gained and the training path (gateway, Postgres real)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let learner: TestMember;
  let other: TestMember;
  let skills: Record<'parole' | 'budget' | 'reunion' | 'recit', string>;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, learner, other] = await Promise.all([system.signUp({ role: 'STAFF' }), system.signUp(), system.signUp()]);
    const create = async (name: string) => {
      const res = await system.gql<{ createSkill: { id: string } }>(CREATE_SKILL, { input: { name } }, staff.token);
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.createSkill.id;
    };
    skills = {
      parole: await create('Prendre la parole en public'),
      budget: await create('Lire un budget communal'),
      reunion: await create('Animer une réunion'),
      recit: await create('Raconter une lutte'),
    };
  }, 120_000);
  afterAll(() => system?.stop());

  const now = () => system.clock.now().getTime();

  /** A published event (staff's), moved to start at `offsetMs` from now (2 hours long), with `registered` registered before the move. */
  async function event(kind: string, skillIds: string[], offsetMs: number, registered: TestMember[] = []): Promise<string> {
    const created = await createEvent(system, staff.token, kind === 'ATELIER' || kind === 'FORMATION' ? { kind, skillIds } : { kind }, 20);
    for (const m of registered) expect((await system.gql(REGISTER, { id: created.id }, m.token)).errors).toBeUndefined();
    const start = new Date(now() + offsetMs);
    start.setUTCSeconds(0, 0);
    await system.db.query(`UPDATE events.events SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
      created.id,
      start,
      new Date(start.getTime() + 2 * HOUR),
    ]);
    return created.id;
  }

  const mark = async (eventId: string, status: string) => {
    const res = await system.gql(MARK, { input: { eventId, entries: [{ memberId: learner.id, status }] } }, staff.token);
    expect(res.errors).toBeUndefined();
  };
  const read = async (token?: string) => {
    const res = await system.gql<{ member: PathView | null }>(PATH, { id: learner.id }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.member!;
  };
  const startOf = async (id: string) =>
    ((await system.db.query(`SELECT starts_at FROM events.events WHERE id = $1`, [id])).rows[0].starts_at as Date).toISOString();

  let formation: string;
  let atelier: string;

  it('gains the skills of an event when marked PRESENT, in order, and loses them when marked ABSENT', async () => {
    expect((await read(learner.token)).skillsGained).toEqual([]);

    formation = await event('FORMATION', [skills.parole, skills.budget], -10 * DAY, [learner]);
    atelier = await event('ATELIER', [skills.budget, skills.reunion], -5 * DAY, [learner]);
    const debat = await event('DEBAT', [], -3 * DAY, [learner]);
    // Registered, never marked: nothing gained.
    await event('ATELIER', [skills.recit], -2 * DAY, [learner]);
    await mark(formation, 'PRESENT');
    await mark(atelier, 'PRESENT');
    await mark(debat, 'PRESENT');

    const gained = (await read(learner.token)).skillsGained!;
    // Each skill once, from the first event that gave it (budget: the formation), dated by that event's start.
    expect(gained.map((g) => [g.skill.id, g.event.id])).toEqual([
      [skills.parole, formation],
      [skills.budget, formation],
      [skills.reunion, atelier],
    ]);
    expect(gained[0]!.skill.name).toBe('Prendre la parole en public');
    expect(gained[0]!.gainedAt).toBe(await startOf(formation));
    expect(gained[2]!.gainedAt).toBe(await startOf(atelier));

    // Marked ABSENT afterwards: the atelier's own skill goes; the one the formation gave stays.
    await mark(atelier, 'ABSENT');
    expect((await read(learner.token)).skillsGained!.map((g) => g.skill.id)).toEqual([skills.parole, skills.budget]);
    // EXCUSED on the formation: its skills go too; PRESENT again brings them back.
    await mark(formation, 'EXCUSED');
    expect((await read(learner.token)).skillsGained).toEqual([]);
    await mark(formation, 'PRESENT');
    await mark(atelier, 'PRESENT');
    expect((await read(learner.token)).skillsGained!.map((g) => g.skill.id)).toEqual([skills.parole, skills.budget, skills.reunion]);
  });

  it('the path lists the formations and ateliers attended oldest first, the skills gained, and suggestions', async () => {
    // Only the atelier is attended now: reunion and budget gained (budget from the atelier), parole not.
    await mark(formation, 'ABSENT');
    // Suggestions: upcoming, published ateliers/formations developing a skill not gained yet.
    const pastParole = await event('FORMATION', [skills.parole], -1 * DAY);
    const onlyGained = await event('ATELIER', [skills.budget, skills.reunion], 1 * DAY);
    const soon = await event('ATELIER', [skills.reunion, skills.recit], 2 * DAY);
    const later = await event('FORMATION', [skills.parole], 4 * DAY);
    const registered = await event('FORMATION', [skills.parole], 3 * DAY);
    const more = [];
    for (let i = 0; i < 4; i++) more.push(await event('ATELIER', [skills.recit], (10 + i) * DAY));
    expect((await system.gql(REGISTER, { id: registered }, learner.token)).errors).toBeUndefined();
    // A draft (an organizer's, not published) is not suggested.
    const draft = await createEvent(system, other.token, { kind: 'FORMATION', skillIds: [skills.parole] }, 1);

    const path = (await read(learner.token)).trainingPath!;
    expect(path.events).toEqual([{ id: atelier, kind: 'ATELIER' }]);
    expect(path.skillsGained.map((g) => [g.skill.id, g.event.id])).toEqual([
      [skills.budget, atelier],
      [skills.reunion, atelier],
    ]);
    const ids = path.suggestions.map((s) => s.id);
    expect(ids).toEqual([soon, later, more[0], more[1], more[2]]);
    for (const left of [pastParole, onlyGained, registered, draft.id]) expect(ids).not.toContain(left);

    // Both attended again: the path lists them oldest first; the formation's skills no longer suggested.
    await mark(formation, 'PRESENT');
    const again = (await read(learner.token)).trainingPath!;
    expect(again.events.map((e) => e.id)).toEqual([formation, atelier]);
    expect(again.suggestions.map((s) => s.id)).toEqual([soon, ...more]);
  });

  it('the member and staff read it; another member and anonymous get null until the member opts in', async () => {
    const mine = await read(learner.token);
    expect(mine.trainingPath).not.toBeNull();
    const staffView = await read(staff.token);
    expect(staffView.skillsGained).toEqual(mine.skillsGained);
    expect(staffView.trainingPath).toEqual(mine.trainingPath);
    for (const token of [other.token, undefined]) {
      const view = await system.gql<{ member: PathView | null }>(PATH, { id: learner.id }, token);
      expect(firstError(view)).toBeUndefined();
      expect(view.data!.member?.skillsGained ?? null).toBeNull();
      expect(view.data!.member?.trainingPath ?? null).toBeNull();
    }
    // Opted in (members' showAttendedEvents, as for attendedEvents): other members read it too.
    const opt = await system.gql(`mutation { updateMyProfile(input: { showAttendedEvents: true }) { showAttendedEvents } }`, {}, learner.token);
    expect(opt.errors).toBeUndefined();
    const opted = await read(other.token);
    expect(opted.skillsGained).toEqual(mine.skillsGained);
  });
});
