import { postGraphQL, startTestSystem, type TestSystem } from '@metropotes/test-kit';

const DELETE = `mutation D($p: String!) { deleteMyAccount(password: $p) }`;
/** The members service's part of the export (the whole `myDataExport` also asks the workers: workers/test/data-export.test.ts). */
const EXPORT = '{ myData { members } }';

/** The members part of the data export (`myData.members`, a JSON scalar) that these tests read. */
type DataExport = {
  profile: unknown;
  groups: unknown;
  notificationPreferences: unknown;
  sessions: unknown[];
  prospects: { id: string }[];
};

describe('RGPD: export and erasure', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('exports what the members service holds about the viewer, without secrets', async () => {
    const member = await system.signUp({ displayName: 'Inès Export' });
    await system.gql(`mutation { updateMyProfile(input: { bio: "Ma présentation", skills: ["Cartographie"] }) { id } }`, {}, member.token);
    await system.gql(`mutation { createGroup(input: { name: "Collectif Export" }) { id } }`, {}, member.token);
    const response = await system.gql<{ myData: { members: DataExport } }>(EXPORT, {}, member.token);
    expect(response.errors).toBeUndefined();
    const data = response.data!.myData.members;
    expect(data.profile).toMatchObject({
      id: member.id,
      email: member.email,
      displayName: 'Inès Export',
      bio: 'Ma présentation',
      skills: ['Cartographie'],
      communeCode: '93039',
    });
    expect(data.groups).toEqual([expect.objectContaining({ name: 'Collectif Export', role: 'ADMIN' })]);
    expect(data.notificationPreferences).toMatchObject({ digestFrequency: 'WEEKLY' });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/argon2/);
    expect(text).not.toContain(member.refreshToken);
    expect(text).not.toMatch(/token_?hash|passwordHash/i);

    expect((await system.gql('{ myDataExport }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.gql(EXPORT)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // No workers run here: the whole export is refused rather than handed over without its e-mails part.
    const whole = await system.gql('{ myDataExport }', {}, member.token);
    expect(whole.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(whole.errors?.[0]?.message).toMatch(/export de vos données/);
  });

  it('erases personal data, closes sessions and tells the other services', async () => {
    const member = await system.signUp({ displayName: 'Jules Effacé' });
    const buddy = await system.signUp();
    const staff = await system.signUp({ role: 'STAFF' });
    await system.gql(
      `mutation { updateMyProfile(input: { bio: "À effacer", neighbourhood: "Centre", interests: [CULTURE], profileVisibility: PUBLIC }) { id } }`,
      {},
      member.token,
    );
    const group = await system.gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { name: "Groupe de Jules" }) { id } }`,
      {},
      member.token,
    );
    const groupId = group.data!.createGroup.id;
    await system.gql(`mutation J($id: ID!) { joinGroup(groupId: $id) { id } }`, { id: groupId }, buddy.token);
    const scales = await system.gql(
      `mutation { updateMyNotificationPreferences(input: { followedScales: [METROPOLE, COMMUNE] }) { id } }`,
      {},
      member.token,
    );
    expect(scales.errors).toBeUndefined();
    const followed = await system.db.query(`SELECT followed_scales FROM members.members WHERE id = $1`, [member.id]);
    expect(followed.rows[0].followed_scales).toEqual(['METROPOLE', 'COMMUNE']);

    const wrong = await system.gql(DELETE, { p: 'Pas-le-bon-2026!' }, member.token);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect((await system.gql(DELETE, { p: member.password })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const erased = await system.gql<{ deleteMyAccount: boolean }>(DELETE, { p: member.password }, member.token);
    expect(erased.errors).toBeUndefined();
    expect(erased.data!.deleteMyAccount).toBe(true);

    const row = await system.db.query(
      `SELECT email, password_hash, display_name, bio, neighbourhood, interests, followed_scales, deleted_at FROM members.members WHERE id = $1`,
      [member.id],
    );
    expect(row.rows[0]).toEqual({
      email: null,
      password_hash: null,
      display_name: 'Ancien membre',
      bio: null,
      neighbourhood: null,
      interests: [],
      followed_scales: [],
      deleted_at: expect.any(Date),
    });
    const live = await system.db.query('SELECT count(*)::int AS n FROM members.refresh_tokens WHERE member_id = $1 AND revoked_at IS NULL', [
      member.id,
    ]);
    expect(live.rows[0].n).toBe(0);
    expect(
      (await system.gql(`mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: member.refreshToken })).errors?.[0]
        ?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (
        await system.gql(`mutation L($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }`, {
          e: member.email,
          p: member.password,
        })
      ).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');

    // Gone from the directory and from direct look-ups, even for staff; the group has a new admin.
    expect(
      (await system.gql<{ member: unknown }>(`query M($id: ID!) { member(id: $id) { id } }`, { id: member.id }, staff.token)).data!.member,
    ).toBeNull();
    const search = await system.gql<{ members: { totalCount: number } }>(`{ members(filter: { search: "jules" }) { totalCount } }`, {}, staff.token);
    expect(search.data!.members.totalCount).toBe(0);
    const members = await system.gql<{ group: unknown }>(
      `query G($id: ID!) { group(id: $id) { members { role member { id } } } }`,
      { id: groupId },
      staff.token,
    );
    expect(members.data!.group).toEqual({ members: [{ role: 'ADMIN', member: { id: buddy.id } }] });
    // Other services' references show an anonymised member.
    const refs = await postGraphQL<{ _entities: unknown[] }>(
      system.subgraphs.members.url,
      `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id displayName bio commune { code } } } }`,
      { r: [{ __typename: 'Member', id: member.id }] },
      { headers: { 'x-gateway-secret': system.env.MEMBERS_GATEWAY_SECRET! } },
    );
    expect(refs.data!._entities).toEqual([{ id: member.id, displayName: 'Ancien membre', bio: null, commune: null }]);

    // The access token still in hand does not let the erased account act.
    const late = await system.gql(`mutation { createGroup(input: { name: "Trop tard" }) { id } }`, {}, member.token);
    expect(late.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // The other services are told through the typed job.
    const jobs = await system.subgraphs.members.deps.jobs.queue('fanout').getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.filter((j) => j.name === 'member.erased').map((j) => j.data)).toEqual([{ memberId: member.id }]);
  });

  it('an outreach record about the member is in their export, and loses its contact data when they erase their account', async () => {
    const staff = await system.signUp({ role: 'STAFF' });
    const member = await system.signUp({ displayName: 'Nadia Prospect' });
    const other = await system.signUp();
    const create = (email: string, name: string) =>
      system.gql<{ createProspect: { id: string } }>(
        `mutation C($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
        {
          input: { name, kind: 'PERSON', communeCode: '93039', contact: { email, phone: '01 23 45 67 89' }, sourceNote: 'Rencontrée au pot du pote' },
        },
        staff.token,
      );
    // Staff noted her before she joined, with her address in capitals.
    const mine = await create(member.email.toUpperCase(), 'Nadia');
    expect(mine.errors).toBeUndefined();
    const prospectId = mine.data!.createProspect.id;
    await system.gql(
      `mutation N($id: ID!) { addProspectNote(id: $id, text: "Intéressée par les ateliers vélo") { id } }`,
      { id: prospectId },
      staff.token,
    );
    const theirs = await create(other.email, 'Quelqu’un d’autre');
    const otherId = theirs.data!.createProspect.id;

    const exported = await system.gql<{ myData: { members: DataExport } }>(EXPORT, {}, member.token);
    expect(exported.errors).toBeUndefined();
    expect(exported.data!.myData.members.prospects).toEqual([
      expect.objectContaining({
        id: prospectId,
        name: 'Nadia',
        contactEmail: member.email,
        contactPhone: '01 23 45 67 89',
        sourceNote: 'Rencontrée au pot du pote',
        notes: [expect.objectContaining({ text: 'Intéressée par les ateliers vélo' })],
      }),
    ]);
    // Another member's export does not include it.
    const otherExport = await system.gql<{ myData: { members: DataExport } }>(EXPORT, {}, other.token);
    expect(otherExport.data!.myData.members.prospects.map((p) => p.id)).toEqual([otherId]);

    expect((await system.gql(DELETE, { p: member.password }, member.token)).errors).toBeUndefined();

    const rows = await system.db.query(
      `SELECT id, contact_email, contact_phone, contact_erased_at FROM members.prospects WHERE id = ANY($1::uuid[]) ORDER BY name`,
      [[prospectId, otherId]],
    );
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    expect(byId.get(prospectId)).toMatchObject({ contact_email: null, contact_phone: null, contact_erased_at: expect.any(Date) });
    // The other member's prospect is untouched.
    expect(byId.get(otherId)).toMatchObject({ contact_email: other.email, contact_erased_at: null });
    const staffView = await system.gql<{ prospect: { contact: unknown } }>(
      `query P($id: ID!) { prospect(id: $id) { contact { email } } }`,
      { id: prospectId },
      staff.token,
    );
    expect(staffView.data!.prospect.contact).toBeNull();
    // The workers are told to forget the e-mails kept about that prospect.
    const jobs = await system.subgraphs.members.deps.jobs.queue('fanout').getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.filter((j) => j.name === 'prospect.forgotten').map((j) => j.data)).toEqual([{ prospectId }]);
  });

  it('the prospect a member joined as, recorded with another address than theirs, is in their export and loses its contact data with their account', async () => {
    const staff = await system.signUp({ role: 'STAFF' });
    const member = await system.signUp({ displayName: 'Karim Association' });
    const created = await system.gql<{ createProspect: { id: string } }>(
      `mutation C($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
      {
        input: {
          name: 'Association du canal',
          kind: 'ASSOCIATION',
          contact: { email: 'contact@canal.example.org', website: 'https://canal.example.org' },
        },
      },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    const prospectId = created.data!.createProspect.id;
    // The association's address is not the member's: only the link to the member makes it theirs.
    await system.db.query(`UPDATE members.prospects SET status = 'JOINED', joined_member_id = $2, joined_at = $3 WHERE id = $1`, [
      prospectId,
      member.id,
      system.clock.now(),
    ]);

    const exported = await system.gql<{ myData: { members: DataExport } }>(EXPORT, {}, member.token);
    expect(exported.errors).toBeUndefined();
    expect(exported.data!.myData.members.prospects).toEqual([
      expect.objectContaining({ id: prospectId, name: 'Association du canal', contactEmail: 'contact@canal.example.org', status: 'JOINED' }),
    ]);

    expect((await system.gql(DELETE, { p: member.password }, member.token)).errors).toBeUndefined();
    const { rows } = await system.db.query(`SELECT contact_email, contact_website, contact_erased_at FROM members.prospects WHERE id = $1`, [
      prospectId,
    ]);
    expect(rows[0]).toEqual({ contact_email: null, contact_website: null, contact_erased_at: expect.any(Date) });
  });
});
