import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { CREATE_EVENT, createEvent, eventInput, firstError, UPDATE_EVENT } from './helpers';

const SKILL = 'id name description archived archivedAt';
const CREATE_SKILL = `mutation ($input: SkillInput!) { createSkill(input: $input) { ${SKILL} } }`;
const UPDATE_SKILL = `mutation ($id: ID!, $input: UpdateSkillInput!) { updateSkill(id: $id, input: $input) { ${SKILL} } }`;
const ARCHIVE_SKILL = `mutation ($id: ID!) { archiveSkill(id: $id) { ${SKILL} } }`;
const SKILLS = `query ($all: Boolean) { skills(includeArchived: $all) { ${SKILL} } }`;
const SKILL_BY_ID = `query ($id: ID!) { skill(id: $id) { ${SKILL} } }`;
const EVENT_SKILLS = `query ($id: ID!) { event(id: $id) { id kind skills { id name archived } } }`;
const CREATE_WITH_SKILLS = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id kind skills { id name } } }`;
const UPDATE_WITH_SKILLS = `mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id kind status skills { id name } } }`;

interface Skill {
  id: string;
  name: string;
  description: string;
  archived: boolean;
  archivedAt: string | null;
}

describe('events: skills (issue #19)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    member = await system.signUp();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const createSkill = async (name: string, description = ''): Promise<Skill> => {
    const res = await system.gql<{ createSkill: Skill }>(CREATE_SKILL, { input: { name, description } }, staff.token);
    if (!res.data?.createSkill) throw new Error(`createSkill failed: ${JSON.stringify(res.errors)}`);
    return res.data.createSkill;
  };

  it('lets staff alone create, rename and archive skills; everyone reads them', async () => {
    const input = { name: 'Animer une réunion', description: 'Ordre du jour, tours de parole, relevé de décisions.' };
    for (const token of [undefined, member.token]) {
      const res = await system.gql(CREATE_SKILL, { input }, token);
      expect(firstError(res)?.extensions?.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    }
    const created = await createSkill(`  ${input.name}  `, input.description);
    expect(created).toMatchObject({ name: 'Animer une réunion', description: input.description, archived: false, archivedAt: null });

    const renameByMember = await system.gql(UPDATE_SKILL, { id: created.id, input: { name: 'Autre' } }, member.token);
    expect(firstError(renameByMember)?.extensions?.code).toBe('FORBIDDEN');
    const archiveByMember = await system.gql(ARCHIVE_SKILL, { id: created.id }, member.token);
    expect(firstError(archiveByMember)?.extensions?.code).toBe('FORBIDDEN');

    const renamed = await system.gql<{ updateSkill: Skill }>(
      UPDATE_SKILL,
      { id: created.id, input: { name: 'Animer une réunion publique' } },
      staff.token,
    );
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.updateSkill).toMatchObject({ name: 'Animer une réunion publique', description: input.description });

    // Anonymous visitors read the list and a skill.
    const list = await system.gql<{ skills: Skill[] }>(SKILLS, {});
    expect(list.data!.skills.map((s) => s.name)).toContain('Animer une réunion publique');
    const one = await system.gql<{ skill: Skill }>(SKILL_BY_ID, { id: created.id });
    expect(one.data!.skill.name).toBe('Animer une réunion publique');

    const before = system.clock.now().getTime();
    const archived = await system.gql<{ archiveSkill: Skill }>(ARCHIVE_SKILL, { id: created.id }, staff.token);
    expect(archived.data!.archiveSkill.archived).toBe(true);
    const archivedAt = new Date(archived.data!.archiveSkill.archivedAt!).getTime();
    expect(archivedAt).toBeGreaterThanOrEqual(before);
    expect(archivedAt).toBeLessThanOrEqual(system.clock.now().getTime());
    // Archiving again changes nothing.
    const again = await system.gql<{ archiveSkill: Skill }>(ARCHIVE_SKILL, { id: created.id }, staff.token);
    expect(again.data!.archiveSkill.archivedAt).toBe(archived.data!.archiveSkill.archivedAt);
    const offered = await system.gql<{ skills: Skill[] }>(SKILLS, {});
    expect(offered.data!.skills.map((s) => s.id)).not.toContain(created.id);
    const all = await system.gql<{ skills: Skill[] }>(SKILLS, { all: true });
    expect(all.data!.skills.find((s) => s.id === created.id)).toMatchObject({ archived: true });

    const missing = await system.gql(ARCHIVE_SKILL, { id: '00000000-0000-4000-8000-000000000000' }, staff.token);
    expect(firstError(missing)?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps names unique whatever their case, and within length limits', async () => {
    const first = await createSkill('Prendre la parole en public');
    const twice = await system.gql(CREATE_SKILL, { input: { name: 'PRENDRE LA PAROLE EN PUBLIC' } }, staff.token);
    expect(firstError(twice)).toMatchObject({
      message: "Une compétence s'appelle déjà « Prendre la parole en public » : choisissez un autre nom.",
      extensions: { code: 'CONFLICT', field: 'input.name' },
    });
    const other = await createSkill('Interpeller un élu');
    const renamed = await system.gql(UPDATE_SKILL, { id: other.id, input: { name: 'prendre la parole en public' } }, staff.token);
    expect(firstError(renamed)?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    // Changing the case of its own name is no conflict.
    const recased = await system.gql<{ updateSkill: Skill }>(
      UPDATE_SKILL,
      { id: first.id, input: { name: 'Prendre la parole en Public' } },
      staff.token,
    );
    expect(recased.data!.updateSkill.name).toBe('Prendre la parole en Public');

    const empty = await system.gql(CREATE_SKILL, { input: { name: '   ' } }, staff.token);
    expect(firstError(empty)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const long = await system.gql(CREATE_SKILL, { input: { name: 'x'.repeat(81) } }, staff.token);
    expect(firstError(long)).toMatchObject({
      message: 'Le nom de la compétence ne peut pas dépasser 80 caractères.',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.name' },
    });
    const longText = await system.gql(CREATE_SKILL, { input: { name: 'Monter un projet', description: 'y'.repeat(501) } }, staff.token);
    expect(firstError(longText)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.description' });
  });

  it('lets ateliers and formations declare skills, round-trips them, refuses them to other kinds', async () => {
    const a = await createSkill('Monter un projet associatif');
    const b = await createSkill('Lire un budget communal');
    const now = system.clock.now();

    const created = await system.gql<{ createEvent: { id: string; skills: { id: string; name: string }[] } }>(
      CREATE_WITH_SKILLS,
      { input: eventInput(now, { kind: 'FORMATION', skillIds: [b.id, a.id, b.id] }) },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    const event = created.data!.createEvent;
    expect(event.skills).toEqual([
      { id: b.id, name: 'Lire un budget communal' },
      { id: a.id, name: 'Monter un projet associatif' },
    ]);
    const read = await system.gql<{ event: { skills: { id: string }[] } }>(EVENT_SKILLS, { id: event.id });
    expect(read.data!.event.skills.map((s) => s.id)).toEqual([b.id, a.id]);

    // Another kind may not declare any.
    const debat = await system.gql(CREATE_EVENT, { input: eventInput(now, { kind: 'DEBAT', skillIds: [a.id] }) }, staff.token);
    expect(firstError(debat)).toMatchObject({
      message: 'Seuls les ateliers et les formations déclarent des compétences travaillées.',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.skillIds' },
    });
    const pot = await createEvent(system, staff.token, { kind: 'POT_DU_POTE' });
    const onPot = await system.gql(UPDATE_EVENT, { id: pot.id, input: { skillIds: [a.id] } }, staff.token);
    expect(firstError(onPot)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.skillIds' });

    // Unknown ids are refused.
    const unknown = await system.gql(UPDATE_EVENT, { id: event.id, input: { skillIds: ['00000000-0000-4000-8000-000000000000'] } }, staff.token);
    expect(firstError(unknown)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.skillIds' });

    // Replaced, then emptied; an edit that leaves skillIds out keeps them.
    const replaced = await system.gql<{ updateEvent: { skills: { id: string }[] } }>(
      UPDATE_WITH_SKILLS,
      { id: event.id, input: { skillIds: [a.id] } },
      staff.token,
    );
    expect(replaced.data!.updateEvent.skills.map((s) => s.id)).toEqual([a.id]);
    const retitled = await system.gql<{ updateEvent: { skills: { id: string }[] } }>(
      UPDATE_WITH_SKILLS,
      { id: event.id, input: { title: 'Formation projet' } },
      staff.token,
    );
    expect(retitled.data!.updateEvent.skills.map((s) => s.id)).toEqual([a.id]);

    // Becoming a débat drops them.
    const changedKind = await system.gql<{ updateEvent: { kind: string; skills: unknown[] } }>(
      UPDATE_WITH_SKILLS,
      { id: event.id, input: { kind: 'DEBAT' } },
      staff.token,
    );
    expect(changedKind.data!.updateEvent).toMatchObject({ kind: 'DEBAT', skills: [] });
  });

  it('offers archived skills no more, but keeps them on the events that declared them', async () => {
    const kept = await createSkill('Tenir un stand');
    const gone = await createSkill('Rédiger un tract');
    const atelier = await system.gql<{ createEvent: { id: string } }>(
      CREATE_WITH_SKILLS,
      { input: eventInput(system.clock.now(), { kind: 'ATELIER', skillIds: [kept.id, gone.id] }) },
      staff.token,
    );
    const eventId = atelier.data!.createEvent.id;
    await system.gql(ARCHIVE_SKILL, { id: gone.id }, staff.token);

    const read = await system.gql<{ event: { skills: { id: string; archived: boolean }[] } }>(EVENT_SKILLS, { id: eventId });
    expect(read.data!.event.skills).toEqual([
      { id: kept.id, name: 'Tenir un stand', archived: false },
      { id: gone.id, name: 'Rédiger un tract', archived: true },
    ]);

    // It may stay on the event that has it (an edit keeping the list), but no event may take it any more.
    const keep = await system.gql<{ updateEvent: { skills: { id: string }[] } }>(
      UPDATE_WITH_SKILLS,
      { id: eventId, input: { skillIds: [gone.id, kept.id] } },
      staff.token,
    );
    expect(keep.errors).toBeUndefined();
    expect(keep.data!.updateEvent.skills.map((s) => s.id)).toEqual([gone.id, kept.id]);
    const other = await system.gql(CREATE_EVENT, { input: eventInput(system.clock.now(), { kind: 'ATELIER', skillIds: [gone.id] }) }, staff.token);
    expect(firstError(other)).toMatchObject({
      message: 'La compétence « Rédiger un tract » est archivée : elle ne peut plus être choisie.',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.skillIds' },
    });
    const dropped = await system.gql<{ updateEvent: { skills: { id: string }[] } }>(
      UPDATE_WITH_SKILLS,
      { id: eventId, input: { skillIds: [kept.id] } },
      staff.token,
    );
    expect(dropped.data!.updateEvent.skills.map((s) => s.id)).toEqual([kept.id]);
    const back = await system.gql(UPDATE_EVENT, { id: eventId, input: { skillIds: [kept.id, gone.id] } }, staff.token);
    expect(firstError(back)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.skillIds' });
  });

  it('lets a member declare skills on their atelier; on a published one the change goes live, as themes do', async () => {
    const skill = await createSkill('Faciliter un atelier');
    const proposal = await system.gql<{ createEvent: { id: string; skills: { id: string }[] } }>(
      CREATE_WITH_SKILLS,
      { input: eventInput(system.clock.now(), { kind: 'ATELIER', skillIds: [skill.id] }) },
      member.token,
    );
    expect(proposal.errors).toBeUndefined();
    expect(proposal.data!.createEvent.skills.map((s) => s.id)).toEqual([skill.id]);
    const id = proposal.data!.createEvent.id;
    await system.gql(`mutation ($id: ID!) { publishEvent(id: $id) { id } }`, { id }, staff.token);

    const cleared = await system.gql<{ updateEvent: { status: string; skills: unknown[] } }>(
      UPDATE_WITH_SKILLS,
      { id, input: { skillIds: [] } },
      member.token,
    );
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data!.updateEvent).toMatchObject({ status: 'PUBLISHED', skills: [] });
    const pending = await system.gql<{ event: { pendingRevision: unknown } }>(
      `query ($id: ID!) { event(id: $id) { pendingRevision { id } } }`,
      { id },
      member.token,
    );
    expect(pending.data!.event.pendingRevision).toBeNull();
    const publicView = await system.gql<{ event: { skills: unknown[] } }>(EVENT_SKILLS, { id });
    expect(publicView.data!.event.skills).toEqual([]);
  });
});
