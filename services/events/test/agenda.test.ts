import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent, DAY, firstError } from './helpers';

const AGENDA = `query Agenda($filter: AgendaFilter, $first: Int, $after: String) {
  agenda(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id title status startsAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface AgendaResult {
  agenda: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; title: string; status: string; startsAt: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('agenda', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    member = await system.signUp();
    // 93039 L'Île-Saint-Denis and 93066 Saint-Denis are in Plaine Commune; 93008 Bobigny in Est Ensemble; 75056 Paris.
    ids.atelierIsd = (
      await createEvent(
        system,
        staff.token,
        { title: 'Atelier logement', kind: 'ATELIER', themes: ['LOGEMENT'], venue: { name: 'A', communeCode: '93039' } },
        3,
      )
    ).id;
    ids.debatSd = (
      await createEvent(
        system,
        staff.token,
        { title: 'Métrokawa transports', kind: 'DEBAT', themes: ['TRANSPORTS'], venue: { name: 'B', communeCode: '93066' } },
        4,
      )
    ).id;
    ids.formationBobigny = (
      await createEvent(
        system,
        staff.token,
        { title: 'Formation budget', kind: 'FORMATION', themes: ['BUDGET_PARTICIPATIF', 'LOGEMENT'], venue: { name: 'C', communeCode: '93008' } },
        5,
      )
    ).id;
    ids.potParis = (
      await createEvent(
        system,
        staff.token,
        {
          title: 'Pot du pote',
          kind: 'POT_DU_POTE',
          themes: [],
          venue: { name: 'D', communeCode: '75056' },
          description: 'Rencontre conviviale autour des jardins partagés',
        },
        6,
      )
    ).id;
    ids.cancelled = (
      await createEvent(system, staff.token, { title: 'Mission annulée', kind: 'MISSION', venue: { name: 'E', communeCode: '93039' } }, 7)
    ).id;
    await system.gql(`mutation C($id: ID!) { cancelEvent(id: $id, reason: "Météo") { id } }`, { id: ids.cancelled }, staff.token);
    ids.pending = (await createEvent(system, member.token, { title: 'Proposition en attente' }, 8)).id;
    ids.draft = (await createEvent(system, staff.token, { title: 'Brouillon', draft: true }, 9)).id;
    // A past event, three days before the run's now (inserted directly: the API refuses past starts).
    const past = await system.db.query(
      `INSERT INTO events.events (title, kind, status, starts_at, ends_at, online_url, organizer_id)
       VALUES ('Passé', 'ATELIER', 'PUBLISHED', $2::timestamptz - interval '3 days', $2::timestamptz - interval '3 days' + interval '2 hours', 'https://example.org', $1) RETURNING id`,
      [staff.id, system.clock.now()],
    );
    ids.past = past.rows[0].id;
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** The run's now moved by `days` (a fraction allowed), as the API takes it. */
  const inDays = (days: number) => new Date(system.clock.now().getTime() + days * DAY).toISOString();

  const titles = async (filter: Record<string, unknown>, token?: string) => {
    const res = await system.gql<AgendaResult>(AGENDA, { filter }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.agenda.edges.map((e) => e.node.title);
  };

  it('shows published and cancelled events from now on, by start, to everyone; staff see every status', async () => {
    const res = await system.gql<AgendaResult>(AGENDA, {});
    expect(res.errors).toBeUndefined();
    expect(res.data!.agenda.edges.map((e) => e.node.id)).toEqual([ids.atelierIsd, ids.debatSd, ids.formationBobigny, ids.potParis, ids.cancelled]);
    expect(res.data!.agenda.edges[4]!.node.status).toBe('CANCELLED');
    expect(res.data!.agenda.totalCount).toBe(5);
    // The pending proposal's organizer does not see it in the agenda either (it is in their own list).
    expect(await titles({}, member.token)).toHaveLength(5);
    const asStaff = await titles({}, staff.token);
    expect(asStaff).toEqual(expect.arrayContaining(['Proposition en attente', 'Brouillon']));
    expect(asStaff).toHaveLength(7);
    // An earlier `from` includes the past event.
    expect(await titles({})).not.toContain('Passé');
    expect(await titles({ from: inDays(-10) })).toContain('Passé');
  });

  it('filters by period, kinds, commune, territory, themes and words', async () => {
    expect(await titles({ to: inDays(4.5) })).toEqual(['Atelier logement', 'Métrokawa transports']);
    expect(await titles({ from: inDays(4.5), to: inDays(5.5) })).toEqual(['Formation budget']);
    expect(await titles({ kinds: ['DEBAT', 'POT_DU_POTE'] })).toEqual(['Métrokawa transports', 'Pot du pote']);
    expect(await titles({ communeCode: '93039' })).toEqual(['Atelier logement', 'Mission annulée']);
    // Plaine Commune (EPT 200057867) holds L'Île-Saint-Denis and Saint-Denis.
    expect(await titles({ territoryCode: '200057867' })).toEqual(['Atelier logement', 'Métrokawa transports', 'Mission annulée']);
    expect(await titles({ territoryCode: '75056' })).toEqual(['Pot du pote']);
    expect(await titles({ themes: ['LOGEMENT'] })).toEqual(['Atelier logement', 'Formation budget']);
    expect(await titles({ search: 'jardin' })).toEqual(['Pot du pote']);
    expect(await titles({ search: 'transport' })).toEqual(['Métrokawa transports']);
    expect(await titles({ kinds: ['ATELIER'], themes: ['TRANSPORTS'] })).toEqual([]);

    const badCommune = await system.gql(AGENDA, { filter: { communeCode: '00000' } });
    expect(firstError(badCommune)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.communeCode' });
    const badTerritory = await system.gql(AGENDA, { filter: { territoryCode: '123' } });
    expect(firstError(badTerritory)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.territoryCode' });
  });

  it('paginates with cursors, without gaps or repeats, including events at the same start time', async () => {
    const start = new Date(system.clock.now().getTime() + 30 * DAY);
    start.setUTCHours(17, 0, 0, 0);
    const same: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const e = await createEvent(system, staff.token, {
        title: `Même heure ${i}`,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        kind: 'AUTRE',
      });
      same.push(e.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: { data?: AgendaResult | null; errors?: unknown } = await system.gql<AgendaResult>(AGENDA, {
        filter: { kinds: ['AUTRE'] },
        first: 2,
        after,
      });
      expect(res.errors).toBeUndefined();
      const page = res.data!.agenda;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e) => e.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...same].sort());
    const tooMany = await system.gql(AGENDA, { first: 101 });
    expect(firstError(tooMany)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await system.gql(AGENDA, { after: 'pas-un-curseur' });
    expect(firstError(badCursor)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
