import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { Queue } from 'bullmq';
import { createHash } from 'node:crypto';

const FIELDS = `id name kind status themes commune { code } contact { email phone website }
  source { kind note watchItem { id } event { id } } owner { id } nextStepAt joinedMember { id } group { id name }
  notes { author { id } text at } createdAt lastActivityAt`;
const CREATE = `mutation($input: CreateProspectInput!) { createProspect(input: $input) { ${FIELDS} } }`;
const FROM_ITEM = `mutation($id: ID!, $input: CreateProspectFromWatchItemInput!) { createProspectFromWatchItem(watchItemId: $id, input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateProspectInput!) { updateProspect(id: $id, input: $input) { ${FIELDS} } }`;
const NOTE = `mutation($id: ID!, $text: String!) { addProspectNote(id: $id, text: $text) { ${FIELDS} } }`;
const INVITE = `mutation($id: ID!, $message: String) { inviteProspect(id: $id, message: $message) { ${FIELDS} } }`;
const DECLINE = `mutation($token: String!) { declineProspectContact(token: $token) }`;
const GET = `query($id: ID!) { prospect(id: $id) { ${FIELDS} } }`;
const LIST = `query($filter: ProspectFilter, $first: Int, $after: String) {
  prospects(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } }
}`;
const MINIMISE = `mutation($now: DateTime) { minimiseInactiveProspects(now: $now) { erased } }`;
const STATS = `query($from: DateTime!, $to: DateTime!, $territoryCode: String) {
  outreachStats(from: $from, to: $to, territoryCode: $territoryCode) {
    total { spotted contacted joined conversionRate }
    byTerritory { territory { code name } spotted contacted joined conversionRate memberCount }
    bySource { sourceKind spotted contacted joined conversionRate }
  }
}`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { member { id } } }`;

type Prospect = {
  id: string;
  name: string;
  kind: string;
  status: string;
  themes: string[];
  commune: { code: string } | null;
  contact: { email: string | null; phone: string | null; website: string | null } | null;
  source: { kind: string; note: string | null; watchItem: { id: string } | null; event: { id: string } | null };
  owner: { id: string } | null;
  nextStepAt: string | null;
  joinedMember: { id: string } | null;
  group: { id: string; name: string } | null;
  notes: { author: { id: string } | null; text: string; at: string }[];
  createdAt: string;
  lastActivityAt: string;
};

const PLAINE_COMMUNE = '200057867';
const GPSEA = '200058006';

describe('outreach: prospects (members)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;
  let mailQueue: Queue;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF', displayName: 'Inès Animatrice' });
    member = await system.signUp({ displayName: 'Sam Membre' });
    mailQueue = new Queue('mail', { connection: { url: system.redisUrl }, prefix: system.redisPrefix });
  });
  afterAll(async () => {
    await mailQueue?.close();
    await system?.stop();
  });

  async function create(input: Record<string, unknown>, token = staff.token): Promise<Prospect> {
    const response = await system.gql<{ createProspect: Prospect }>(CREATE, { input }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.createProspect;
  }

  /**
   * The token of the invitation's links, as the workers get it when they send the e-mail: asked for with a system
   * token by the invitation's id (the job carries that id, never the token).
   */
  async function invitationToken(prospectId: string, of: TestSystem = system): Promise<string> {
    const { rows } = await of.db.query<{ id: string }>(
      'SELECT id FROM members.prospect_invitations WHERE prospect_id = $1 ORDER BY created_at DESC LIMIT 1',
      [prospectId],
    );
    const response = await of.gql<{ systemMailSecret: string | null }>(
      `query($id: ID!) { systemMailSecret(kind: PROSPECT_INVITATION, id: $id) }`,
      { id: rows[0]!.id },
      await of.systemToken(),
    );
    expect(response.data?.systemMailSecret).toEqual(expect.any(String));
    return response.data!.systemMailSecret!;
  }

  it('is for the staff only: anonymous → UNAUTHENTICATED, member → FORBIDDEN', async () => {
    const prospect = await create({ name: 'Collectif des Tilleuls', kind: 'COLLECTIVE' });
    const attempts: [string, Record<string, unknown>][] = [
      [LIST, {}],
      [GET, { id: prospect.id }],
      [CREATE, { input: { name: 'Quelqu’un', kind: 'PERSON' } }],
      [FROM_ITEM, { id: prospect.id, input: { kind: 'PERSON' } }],
      [UPDATE, { id: prospect.id, input: { name: 'Autre' } }],
      [NOTE, { id: prospect.id, text: 'note' }],
      [INVITE, { id: prospect.id }],
      [STATS, { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' }],
      [`mutation($id: ID!) { createGroupFromProspect(prospectId: $id) { id } }`, { id: prospect.id }],
    ];
    for (const [query, variables] of attempts) {
      const anonymous = await system.gql(query, variables);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const asMember = await system.gql(query, variables, member.token);
      expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(asMember.errors?.[0]?.message).toBe("Cette action est réservée à l'équipe d'animation.");
    }
    // System-only operations refuse the staff too.
    const forMail = await system.gql(`query($id: ID!) { prospectForMail(id: $id) { address } }`, { id: prospect.id }, staff.token);
    expect(forMail.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const minimise = await system.gql(MINIMISE, {}, staff.token);
    expect(minimise.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Nothing was changed by the refused attempts.
    const stored = await system.gql<{ prospect: Prospect }>(GET, { id: prospect.id }, staff.token);
    expect(stored.data!.prospect).toMatchObject({ name: 'Collectif des Tilleuls', status: 'SPOTTED', notes: [] });
  });

  it('creates a prospect from a veille item read through the gateway as the staff member, and lists it on the item', async () => {
    const submitted = await system.gql<{ submitWatchItem: { id: string } }>(
      `mutation($input: SubmitWatchItemInput!) { submitWatchItem(input: $input) { id } }`,
      {
        input: {
          url: 'https://example.org/jardin-partage-ile-saint-denis',
          title: 'Un jardin partagé au pied des tours',
          summary: 'Des habitantes lancent un jardin partagé.',
          communeCodes: ['93039'],
          themes: ['ENVIRONNEMENT', 'ALIMENTATION'],
        },
      },
      member.token,
    );
    expect(submitted.errors).toBeUndefined();
    const itemId = submitted.data!.submitWatchItem.id;

    const created = await system.gql<{ createProspectFromWatchItem: Prospect }>(
      FROM_ITEM,
      { id: itemId, input: { kind: 'COLLECTIVE', contact: { email: 'Jardin@Example.org' } } },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    const prospect = created.data!.createProspectFromWatchItem;
    expect(prospect).toMatchObject({
      name: 'Un jardin partagé au pied des tours',
      kind: 'COLLECTIVE',
      status: 'SPOTTED',
      commune: { code: '93039' },
      contact: { email: 'jardin@example.org', phone: null, website: null },
      source: { kind: 'WATCH_ITEM', watchItem: { id: itemId }, event: null, note: null },
      owner: { id: staff.id },
    });
    expect([...prospect.themes].sort()).toEqual(['ALIMENTATION', 'ENVIRONNEMENT']);

    // Given fields win over the item's.
    const named = await system.gql<{ createProspectFromWatchItem: Prospect }>(
      FROM_ITEM,
      { id: itemId, input: { kind: 'ASSOCIATION', name: 'Association Les Tours Vertes', communeCode: '93066', themes: ['LOGEMENT'] } },
      staff.token,
    );
    expect(named.data!.createProspectFromWatchItem).toMatchObject({
      name: 'Association Les Tours Vertes',
      commune: { code: '93066' },
      themes: ['LOGEMENT'],
    });

    const unknown = await system.gql(FROM_ITEM, { id: '00000000-0000-4000-8000-000000000000', input: { kind: 'PERSON' } }, staff.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const ON_ITEM = `query($id: ID!) { watchItem(id: $id) { id prospects { id name } } }`;
    const asStaff = await system.gql<{ watchItem: { prospects: { id: string }[] | null } }>(ON_ITEM, { id: itemId }, staff.token);
    expect(asStaff.errors).toBeUndefined();
    expect(asStaff.data!.watchItem.prospects!.map((p) => p.id)).toEqual([prospect.id, named.data!.createProspectFromWatchItem.id]);
    const asSubmitter = await system.gql<{ watchItem: { prospects: unknown } }>(ON_ITEM, { id: itemId }, member.token);
    expect(asSubmitter.data!.watchItem.prospects).toBeNull();
  });

  it('keeps notes (author, oldest first) and counts them as activity; updates fields; validates input in French', async () => {
    const prospect = await create({ name: 'Amina Kaci', kind: 'PERSON', communeCode: '93039', sourceNote: 'Rencontrée au marché' });
    expect(prospect.source).toMatchObject({ kind: 'FREE_TEXT', note: 'Rencontrée au marché' });
    const first = await system.gql<{ addProspectNote: Prospect }>(NOTE, { id: prospect.id, text: 'Appelée, rappeler en mars.' }, staff.token);
    expect(first.errors).toBeUndefined();
    const second = await system.gql<{ addProspectNote: Prospect }>(NOTE, { id: prospect.id, text: 'Intéressée par le pot du pote.' }, staff.token);
    const notes = second.data!.addProspectNote.notes;
    expect(notes.map((n) => n.text)).toEqual(['Appelée, rappeler en mars.', 'Intéressée par le pot du pote.']);
    expect(notes[0]!.author).toEqual({ id: staff.id });
    expect(new Date(second.data!.addProspectNote.lastActivityAt).getTime()).toBeGreaterThanOrEqual(new Date(prospect.lastActivityAt).getTime());

    const empty = await system.gql(NOTE, { id: prospect.id, text: '   ' }, staff.token);
    expect(empty.errors?.[0]).toMatchObject({ message: 'La note ne peut pas être vide.', extensions: { code: 'BAD_USER_INPUT', field: 'text' } });

    const updated = await system.gql<{ updateProspect: Prospect }>(
      UPDATE,
      { id: prospect.id, input: { status: 'INTERESTED', nextStepAt: '2026-03-01T09:00:00.000Z', contact: { phone: '06 12 34 56 78' } } },
      staff.token,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateProspect).toMatchObject({
      status: 'INTERESTED',
      nextStepAt: '2026-03-01T09:00:00.000Z',
      contact: { phone: '06 12 34 56 78', email: null },
    });

    const joined = await system.gql(UPDATE, { id: prospect.id, input: { status: 'JOINED' } }, staff.token);
    expect(joined.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const badCommune = await system.gql(CREATE, { input: { name: 'X Y', kind: 'PERSON', communeCode: '99999' } }, staff.token);
    expect(badCommune.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'communeCode' });
    const badOwner = await system.gql(UPDATE, { id: prospect.id, input: { ownerId: member.id } }, staff.token);
    expect(badOwner.errors?.[0]?.message).toBe("La personne qui suit un prospect doit faire partie de l'équipe d'animation.");
  });

  it('filters (status, commune, territory, owner, due date) and pages the list', async () => {
    const other = await system.signUp({ role: 'STAFF' });
    const a = await create({ name: 'Filtre A', kind: 'PERSON', communeCode: '94028', ownerId: other.id, nextStepAt: '2026-01-10T00:00:00Z' });
    const b = await create({ name: 'Filtre B', kind: 'PERSON', communeCode: '94028', ownerId: other.id });
    const byOwner = await system.gql<{ prospects: { totalCount: number; edges: { node: { id: string } }[] } }>(
      LIST,
      { filter: { ownerId: other.id } },
      staff.token,
    );
    expect(byOwner.data!.prospects.totalCount).toBe(2);
    expect(byOwner.data!.prospects.edges.map((e) => e.node.id)).toEqual([b.id, a.id]);
    const byTerritory = await system.gql<{ prospects: { totalCount: number } }>(LIST, { filter: { territoryCode: GPSEA } }, staff.token);
    expect(byTerritory.data!.prospects.totalCount).toBe(2);
    const due = await system.gql<{ prospects: { edges: { node: { id: string } }[] } }>(
      LIST,
      { filter: { dueBefore: '2026-02-01T00:00:00Z', ownerId: other.id } },
      staff.token,
    );
    expect(due.data!.prospects.edges.map((e) => e.node.id)).toEqual([a.id]);
    const byCommune = await system.gql<{ prospects: { totalCount: number } }>(
      LIST,
      { filter: { communeCode: '94028', status: 'SPOTTED' } },
      staff.token,
    );
    expect(byCommune.data!.prospects.totalCount).toBe(2);

    const page1 = await system.gql<{ prospects: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } }>(
      LIST,
      { first: 1, filter: { ownerId: other.id } },
      staff.token,
    );
    expect(page1.data!.prospects.pageInfo.hasNextPage).toBe(true);
    const page2 = await system.gql<{ prospects: { pageInfo: { hasNextPage: boolean }; edges: { node: { id: string } }[] } }>(
      LIST,
      { first: 1, after: page1.data!.prospects.pageInfo.endCursor, filter: { ownerId: other.id } },
      staff.token,
    );
    expect(page2.data!.prospects.edges.map((e) => e.node.id)).toEqual([a.id]);
    expect(page2.data!.prospects.pageInfo.hasNextPage).toBe(false);
  });

  it('loads a page with owners, notes and communes in a constant number of SQL statements', async () => {
    const owner = await system.signUp({ role: 'STAFF' });
    const NESTED = `query($filter: ProspectFilter) { prospects(filter: $filter, first: 20) { edges { node {
      id owner { id displayName } commune { code territory { code } } notes { text author { id } } joinedMember { id }
    } } } }`;
    const statements = async () => {
      system.subgraphs.members.deps.queries.reset();
      const response = await system.gql<{ prospects: { edges: unknown[] } }>(NESTED, { filter: { ownerId: owner.id } }, staff.token);
      expect(response.errors).toBeUndefined();
      return { count: system.subgraphs.members.deps.queries.count, rows: response.data!.prospects.edges.length };
    };
    const add = async (i: number) => {
      const p = await create({ name: `Lot ${i}`, kind: 'PERSON', communeCode: i % 2 ? '93039' : '94028', ownerId: owner.id });
      await system.gql(NOTE, { id: p.id, text: `Note ${i}` }, staff.token);
      await system.gql(NOTE, { id: p.id, text: `Autre note ${i}` }, owner.token);
    };
    for (let i = 0; i < 2; i++) await add(i);
    const small = await statements();
    for (let i = 2; i < 8; i++) await add(i);
    const large = await statements();
    expect([small.rows, large.rows]).toEqual([2, 8]);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(6);
  });

  it('invites with a single-use hashed token, without personal data in the job; sign-up through it makes the prospect JOINED', async () => {
    const noEmail = await create({ name: 'Sans adresse', kind: 'PERSON' });
    const refused = await system.gql(INVITE, { id: noEmail.id }, staff.token);
    expect(refused.errors?.[0]).toMatchObject({
      message: "Ajoutez d'abord une adresse e-mail de contact à ce prospect pour pouvoir l'inviter.",
      extensions: { code: 'BAD_USER_INPUT', field: 'email' },
    });

    const prospect = await create({
      name: 'Association Solidarité 93',
      kind: 'ASSOCIATION',
      communeCode: '93039',
      contact: { email: 'contact@solidarite93.example.org', website: 'https://solidarite93.example.org' },
    });
    const invited = await system.gql<{ inviteProspect: Prospect }>(
      INVITE,
      { id: prospect.id, message: 'Nous avons aimé votre maraude.' },
      staff.token,
    );
    expect(invited.errors).toBeUndefined();
    expect(invited.data!.inviteProspect.status).toBe('CONTACTED');

    const token = await invitationToken(prospect.id);
    const { rows } = await system.db.query<{ token_hash: string; expires_at: Date; message: string }>(
      'SELECT token_hash, expires_at, message FROM members.prospect_invitations WHERE prospect_id = $1',
      [prospect.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(rows[0]!.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const job = await mailQueue.getJob(
      `email-prospect-invitation-${(await system.db.query('SELECT id FROM members.prospect_invitations WHERE prospect_id = $1', [prospect.id])).rows[0].id}`,
    );
    expect(job!.name).toBe('prospect.invitation-requested');
    expect(JSON.stringify(job!.data)).not.toContain('solidarite93');
    expect(JSON.stringify(job!.data)).not.toContain('maraude');
    // Ids only: no token either.
    expect(JSON.stringify(job!.data)).not.toContain(token);
    expect(job!.data).toEqual({
      prospectId: prospect.id,
      invitationId: expect.any(String),
      dedupeKey: `prospect-invitation:${job!.data.invitationId}`,
      params: { validForDays: '30' },
    });

    // The workers read the address through the system-only query.
    const systemToken = await system.systemToken();
    const forMail = await system.gql<{ prospectForMail: { address: string; name: string; message: string } }>(
      `query($id: ID!) { prospectForMail(id: $id) { address name message } }`,
      { id: prospect.id },
      systemToken,
    );
    expect(forMail.data!.prospectForMail).toEqual({
      address: 'contact@solidarite93.example.org',
      name: 'Association Solidarité 93',
      message: 'Nous avons aimé votre maraude.',
    });

    const input = {
      email: 'nouvelle@solidarite93.example.org',
      password: 'Un-mot-de-passe-2026!',
      displayName: 'Fatou Solidarité',
      communeCode: '93039',
      acceptCharter: true,
    };
    const bad = await system.gql(SIGN_UP, { input: { ...input, invitationToken: 'pas-un-jeton' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'invitationToken' });
    const { rows: none } = await system.db.query('SELECT 1 FROM members.members WHERE email = $1', [input.email]);
    expect(none).toHaveLength(0);

    const signedUp = await system.gql<{ signUp: { member: { id: string } } }>(SIGN_UP, { input: { ...input, invitationToken: token } });
    expect(signedUp.errors).toBeUndefined();
    const newMemberId = signedUp.data!.signUp.member.id;
    const after = await system.gql<{ prospect: Prospect }>(GET, { id: prospect.id }, staff.token);
    expect(after.data!.prospect).toMatchObject({ status: 'JOINED', joinedMember: { id: newMemberId } });

    // Single use.
    const again = await system.gql(SIGN_UP, { input: { ...input, email: 'autre@solidarite93.example.org', invitationToken: token } });
    expect(again.errors?.[0]?.extensions?.field).toBe('invitationToken');
    const reinvite = await system.gql(INVITE, { id: prospect.id }, staff.token);
    expect(reinvite.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // The association becomes a group, the new member its admin.
    const GROUP = `mutation($id: ID!) { createGroupFromProspect(prospectId: $id) { id name website commune { code } members { role member { id } } } }`;
    const group = await system.gql<{ createGroupFromProspect: { id: string; name: string; members: { role: string; member: { id: string } }[] } }>(
      GROUP,
      { id: prospect.id },
      staff.token,
    );
    expect(group.errors).toBeUndefined();
    expect(group.data!.createGroupFromProspect).toMatchObject({
      name: 'Association Solidarité 93',
      website: 'https://solidarite93.example.org/',
      commune: { code: '93039' },
      members: [{ role: 'ADMIN', member: { id: newMemberId } }],
    });
    const twice = await system.gql(GROUP, { id: prospect.id }, staff.token);
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const linked = await system.gql<{ prospect: Prospect }>(GET, { id: prospect.id }, staff.token);
    expect(linked.data!.prospect.group).toEqual({ id: group.data!.createGroupFromProspect.id, name: 'Association Solidarité 93' });
  });

  it('honours the do-not-contact link: DECLINED, contact erased, never invited again', async () => {
    const prospect = await create({ name: 'Karim Discret', kind: 'PERSON', contact: { email: 'karim@example.org', phone: '0102030405' } });
    await system.gql(INVITE, { id: prospect.id }, staff.token);
    const token = await invitationToken(prospect.id);

    const unknown = await system.gql(DECLINE, { token: 'inconnu' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const declined = await system.gql<{ declineProspectContact: boolean }>(DECLINE, { token });
    expect(declined.errors).toBeUndefined();
    expect(declined.data!.declineProspectContact).toBe(true);

    const after = await system.gql<{ prospect: Prospect }>(GET, { id: prospect.id }, staff.token);
    expect(after.data!.prospect).toMatchObject({ status: 'DECLINED', contact: null });
    // An invitation e-mail still unsent would not go out: members gives its link's token no more.
    const { rows: invitations } = await system.db.query<{ id: string }>('SELECT id FROM members.prospect_invitations WHERE prospect_id = $1', [
      prospect.id,
    ]);
    const secret = await system.gql<{ systemMailSecret: string | null }>(
      `query($id: ID!) { systemMailSecret(kind: PROSPECT_INVITATION, id: $id) }`,
      { id: invitations[0]!.id },
      await system.systemToken(),
    );
    expect(secret.data!.systemMailSecret).toBeNull();
    const { rows } = await system.db.query('SELECT contact_email, contact_phone FROM members.prospects WHERE id = $1', [prospect.id]);
    expect(rows[0]).toEqual({ contact_email: null, contact_phone: null });
    // The workers are told to forget the e-mails sent to the prospect.
    const fanout = new Queue('fanout', { connection: { url: system.redisUrl }, prefix: system.redisPrefix });
    const { rows: forgetRows } = await system.db.query<{ job_id: string }>(
      `SELECT job_id FROM members.job_outbox WHERE job_name = 'prospect.forgotten' AND payload->>'prospectId' = $1`,
      [prospect.id],
    );
    expect(forgetRows).toHaveLength(1);
    expect(forgetRows[0]!.job_id).toMatch(new RegExp(`^prospect-forgotten-${prospect.id}-\\d+$`));
    const forget = await fanout.getJob(forgetRows[0]!.job_id);
    await fanout.close();
    expect(forget).toMatchObject({ name: 'prospect.forgotten', data: { prospectId: prospect.id } });

    const invite = await system.gql(INVITE, { id: prospect.id }, staff.token);
    expect(invite.errors?.[0]).toMatchObject({
      message: 'Cette personne a demandé à ne plus être contactée : aucune invitation ne peut lui être envoyée.',
      extensions: { code: 'FORBIDDEN' },
    });
    const readd = await system.gql(UPDATE, { id: prospect.id, input: { contact: { email: 'karim@example.org' } } }, staff.token);
    expect(readd.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const reopen = await system.gql(UPDATE, { id: prospect.id, input: { status: 'SPOTTED' } }, staff.token);
    expect(reopen.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The link cannot be used to sign up any more.
    const signUp = await system.gql(SIGN_UP, {
      input: {
        email: 'karim@example.org',
        password: 'Un-mot-de-passe-2026!',
        displayName: 'Karim',
        communeCode: '93039',
        acceptCharter: true,
        invitationToken: token,
      },
    });
    expect(signUp.errors?.[0]?.extensions?.field).toBe('invitationToken');
    const systemToken = await system.systemToken();
    const forMail = await system.gql<{ prospectForMail: unknown }>(
      `query($id: ID!) { prospectForMail(id: $id) { address } }`,
      { id: prospect.id },
      systemToken,
    );
    expect(forMail.data!.prospectForMail).toBeNull();
  });

  /** Moves a prospect's last activity to `days` days before `at` (the run's clock unless given). */
  const inactiveFor = (id: string, days: number, at: Date = system.clock.now()) =>
    system.db.query(`UPDATE members.prospects SET last_activity_at = $2::timestamptz - make_interval(days => $3) WHERE id = $1`, [id, at, days]);

  it('erases the contact data of prospects without activity for 12 months (clock passed as `now`)', async () => {
    const old = await create({
      name: 'Ancienne piste',
      kind: 'PERSON',
      contact: { email: 'ancienne@example.org', phone: '0600000000', website: 'https://ancienne.example.org' },
    });
    const recent = await create({ name: 'Piste récente', kind: 'PERSON', contact: { email: 'recente@example.org' } });
    const now = system.clock.now();
    await inactiveFor(old.id, 400, now);
    await inactiveFor(recent.id, 300, now);
    const systemToken = await system.systemToken();

    const first = await system.gql<{ minimiseInactiveProspects: { erased: number } }>(MINIMISE, { now: now.toISOString() }, systemToken);
    expect(first.errors).toBeUndefined();
    expect(first.data!.minimiseInactiveProspects.erased).toBe(1);
    const erased = await system.gql<{ prospect: Prospect }>(GET, { id: old.id }, staff.token);
    expect(erased.data!.prospect.contact).toBeNull();
    expect(erased.data!.prospect.name).toBe('Ancienne piste');
    const kept = await system.gql<{ prospect: Prospect }>(GET, { id: recent.id }, staff.token);
    expect(kept.data!.prospect.contact).toMatchObject({ email: 'recente@example.org' });

    // Idempotent; three months later the recent one goes too.
    const again = await system.gql<{ minimiseInactiveProspects: { erased: number } }>(MINIMISE, { now: now.toISOString() }, systemToken);
    expect(again.data!.minimiseInactiveProspects.erased).toBe(0);
    const later = new Date(now.getTime() + 90 * 86_400_000);
    const third = await system.gql<{ minimiseInactiveProspects: { erased: number } }>(MINIMISE, { now: later.toISOString() }, systemToken);
    expect(third.data!.minimiseInactiveProspects.erased).toBeGreaterThanOrEqual(1);
    const gone = await system.gql<{ prospect: Prospect }>(GET, { id: recent.id }, staff.token);
    expect(gone.data!.prospect.contact).toBeNull();

    // Contact data given again after the minimisation is erased again after another year without activity.
    const readd = await system.gql(UPDATE, { id: old.id, input: { contact: { email: 'de-retour@example.org' } } }, staff.token);
    expect(readd.errors).toBeUndefined();
    await inactiveFor(old.id, 400, now);
    const fourth = await system.gql<{ minimiseInactiveProspects: { erased: number } }>(MINIMISE, { now: later.toISOString() }, systemToken);
    expect(fourth.data!.minimiseInactiveProspects.erased).toBe(1);
    expect((await system.gql<{ prospect: Prospect }>(GET, { id: old.id }, staff.token)).data!.prospect.contact).toBeNull();
  });

  it('minimises at the service clock when no `now` is passed, and stamps the erasure with it', async () => {
    const stale = await create({ name: 'Piste oubliée', kind: 'PERSON', contact: { email: 'oubliee@example.org' } });
    const active = await create({ name: 'Piste suivie', kind: 'PERSON', contact: { email: 'suivie@example.org' } });
    // Relative to the run's clock (not the machine's): 13 months and 11 months without activity.
    await inactiveFor(stale.id, 396);
    await inactiveFor(active.id, 335);
    const before = system.clock.now().getTime();
    const res = await system.gql<{ minimiseInactiveProspects: { erased: number } }>(MINIMISE, {}, await system.systemToken());
    expect(res.errors).toBeUndefined();
    expect(res.data!.minimiseInactiveProspects.erased).toBe(1);
    const { rows } = await system.db.query<{ id: string; contact_email: string | null; contact_erased_at: Date | null }>(
      'SELECT id, contact_email, contact_erased_at FROM members.prospects WHERE id = ANY($1::uuid[])',
      [[stale.id, active.id]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(active.id)).toMatchObject({ contact_email: 'suivie@example.org', contact_erased_at: null });
    expect(byId.get(stale.id)!.contact_email).toBeNull();
    const erasedAt = byId.get(stale.id)!.contact_erased_at!.getTime();
    expect(erasedAt).toBeGreaterThanOrEqual(before);
    expect(erasedAt).toBeLessThanOrEqual(system.clock.now().getTime());
  });

  it('gives outreach stats by territory (all 12, with member counts) and by source kind', async () => {
    const fresh = await startTestSystem();
    try {
      const boss = await fresh.signUp({ role: 'STAFF', communeCode: '93039' });
      await fresh.signUp({ communeCode: '93066' });
      await fresh.signUp({ communeCode: '75056' });
      const mk = async (input: Record<string, unknown>) => {
        const r = await fresh.gql<{ createProspect: Prospect }>(CREATE, { input }, boss.token);
        expect(r.errors).toBeUndefined();
        return r.data!.createProspect;
      };
      const p1 = await mk({ name: 'P un', kind: 'PERSON', communeCode: '93039', contact: { email: 'p1@example.org' } });
      const p2 = await mk({
        name: 'P deux',
        kind: 'PERSON',
        communeCode: '93066',
        contact: { email: 'p2@example.org' },
        eventId: '11111111-1111-4111-8111-111111111111',
      });
      await mk({ name: 'P trois', kind: 'COLLECTIVE', communeCode: '94028' });
      await mk({ name: 'P quatre', kind: 'COLLECTIVE' });
      for (const p of [p1, p2]) expect((await fresh.gql(INVITE, { id: p.id }, boss.token)).errors).toBeUndefined();
      const token = await invitationToken(p1.id, fresh);
      const joined = await fresh.gql(SIGN_UP, {
        input: {
          email: 'p1@example.org',
          password: 'Un-mot-de-passe-2026!',
          displayName: 'P Un',
          communeCode: '93039',
          acceptCharter: true,
          invitationToken: token,
        },
      });
      expect(joined.errors).toBeUndefined();

      // Around the run's clock, which dated the prospects, the invitations and the sign-up.
      const from = new Date(fresh.clock.now().getTime() - 3600_000).toISOString();
      const to = new Date(fresh.clock.now().getTime() + 3600_000).toISOString();
      type Stats = {
        outreachStats: {
          total: { spotted: number; contacted: number; joined: number; conversionRate: number };
          byTerritory: {
            territory: { code: string; name: string };
            spotted: number;
            contacted: number;
            joined: number;
            conversionRate: number;
            memberCount: number;
          }[];
          bySource: { sourceKind: string; spotted: number; contacted: number; joined: number; conversionRate: number }[];
        };
      };
      const stats = await fresh.gql<Stats>(STATS, { from, to }, boss.token);
      expect(stats.errors).toBeUndefined();
      const s = stats.data!.outreachStats;
      expect(s.total).toEqual({ spotted: 4, contacted: 2, joined: 1, conversionRate: 0.5 });
      expect(s.byTerritory).toHaveLength(12);
      const plaine = s.byTerritory.find((t) => t.territory.code === PLAINE_COMMUNE)!;
      expect(plaine).toMatchObject({
        territory: { name: 'Plaine Commune' },
        spotted: 2,
        contacted: 2,
        joined: 1,
        conversionRate: 0.5,
        memberCount: 3,
      });
      expect(s.byTerritory.find((t) => t.territory.code === GPSEA)).toMatchObject({
        spotted: 1,
        contacted: 0,
        joined: 0,
        conversionRate: 0,
        memberCount: 0,
      });
      expect(s.byTerritory.find((t) => t.territory.code === '75056')).toMatchObject({ spotted: 0, memberCount: 1 });
      expect(s.bySource).toEqual([
        { sourceKind: 'WATCH_ITEM', spotted: 0, contacted: 0, joined: 0, conversionRate: 0 },
        { sourceKind: 'EVENT', spotted: 1, contacted: 1, joined: 0, conversionRate: 0 },
        { sourceKind: 'FREE_TEXT', spotted: 3, contacted: 1, joined: 1, conversionRate: 1 },
      ]);

      const one = await fresh.gql<Stats>(STATS, { from, to, territoryCode: GPSEA }, boss.token);
      expect(one.data!.outreachStats.byTerritory.map((t) => t.territory.code)).toEqual([GPSEA]);
      expect(one.data!.outreachStats.total).toMatchObject({ spotted: 1, contacted: 0 });
      const past = await fresh.gql<Stats>(STATS, { from: '2020-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' }, boss.token);
      expect(past.data!.outreachStats.total).toEqual({ spotted: 0, contacted: 0, joined: 0, conversionRate: 0 });
      const backwards = await fresh.gql(STATS, { from: to, to: from }, boss.token);
      expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    } finally {
      await fresh.stop();
    }
  });
});
