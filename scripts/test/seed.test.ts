import { clockStartingAt } from '@metropotes/config';
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { runSeed } from '../seed/run-seed';
import {
  DEMO_STAFF_PASSWORD,
  SEED_ALL_MEMBERS,
  SEED_MEMBERS,
  SEED_FOLLOWED_NEWCOMERS,
  SEED_NEWCOMERS,
  SEED_PROSPECTS,
  SEED_STAFF,
  SEED_WARNED_MEMBER_ID,
} from '../../services/members/src/seed/members.seed';
import { SEED_ARTICLES, SEED_ARTICLES_IN_REVIEW, SEED_WATCH_ITEMS } from '../../services/guide/src/seed/guide.seed';
import { PAST_EVENTS, POT_DU_POTE_SERIES_ID } from '../../services/events/src/seed/events.seed';
import { SEED_CASES } from '../../services/moderation/src/seed/moderation.seed';

// The demo data set, loaded into a fresh database (the test system's), twice; then used through the gateway.
const TABLES = [
  'members.members',
  'members.groups',
  'members.group_memberships',
  'members.communes',
  'members.territories',
  'events.event_series',
  'events.events',
  'events.registrations',
  'members.prospects',
  'members.prospect_notes',
  'members.moderation_applications',
  'members.member_warnings',
  'events.event_revisions',
  'events.skills',
  'guide.articles',
  'guide.actors',
  'guide.watch_sources',
  'guide.watch_items',
  'guide.proposed_revisions',
  'moderation.cases',
  'moderation.reports',
  'moderation.decisions',
  'moderation.audit_log',
  'moderation.job_outbox',
];
/** Every row of the tables the staff console lists, to prove a second run changes none. */
const SNAPSHOTS = [
  'members.members',
  'members.prospects',
  'members.prospect_notes',
  'members.member_warnings',
  'members.moderation_applications',
  'events.events',
  'events.event_revisions',
  'events.skills',
  'guide.articles',
  'guide.proposed_revisions',
  'guide.watch_sources',
  'guide.watch_items',
  'moderation.cases',
  'moderation.reports',
  'moderation.decisions',
  'moderation.audit_log',
  'moderation.job_outbox',
];

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

async function snapshot(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of SNAPSHOTS) {
    const { rows } = await system.db.query(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY to_jsonb(t)::text`);
    result[table] = rows;
  }
  return result;
}

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await system.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    result[table] = rows[0]!.n;
  }
  return result;
}

test('the seed loads the demo data set, and a second run changes nothing', async () => {
  await runSeed(system.databaseUrl, 'demo', undefined, system.clock);
  const first = await counts();
  expect(first['members.members']).toBe(SEED_ALL_MEMBERS.length);
  expect(first['members.groups']).toBeGreaterThanOrEqual(3);
  expect(first['events.event_series']).toBe(1);
  expect(first['events.events']).toBeGreaterThanOrEqual(10);
  expect(first['events.registrations']).toBeGreaterThan(10);
  expect(first['guide.articles']).toBe(SEED_ARTICLES.length + SEED_ARTICLES_IN_REVIEW.length);
  expect(first['guide.watch_items']).toBe(SEED_WATCH_ITEMS.length);
  expect(first['members.prospects']).toBe(SEED_PROSPECTS.length);
  expect(first['moderation.cases']).toBe(SEED_CASES.length);
  expect(first['moderation.reports']).toBe(SEED_CASES.flatMap((c) => c.reports).length);
  const before = await snapshot();

  // A second run, later: nothing added, nothing changed (the rows keep the instants of the first run).
  await runSeed(system.databaseUrl, 'demo', undefined, clockStartingAt(new Date(system.clock.now().getTime() + 3_600_000)));
  expect(await counts()).toEqual(first);
  expect(await snapshot()).toEqual(before);

  // The pot du pote is a real series: six monthly occurrences on the first Thursday, at 19:00 in Paris.
  const { rows: pots } = await system.db.query<{ local: string; dow: number }>(
    `SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') AS local, extract(isodow FROM starts_at AT TIME ZONE 'Europe/Paris')::int AS dow
       FROM events.events WHERE series_id = $1 AND commune_code = '93039' AND status = 'PUBLISHED' ORDER BY starts_at`,
    [POT_DU_POTE_SERIES_ID],
  );
  expect(pots.length).toBe(6);
  for (const pot of pots) expect(pot).toEqual({ local: '19:00', dow: 4 });
  // Registration counters agree with the registrations.
  const { rows: mismatched } = await system.db.query(
    `SELECT e.id FROM events.events e WHERE e.confirmed_count <> (SELECT count(*) FROM events.registrations r WHERE r.event_id = e.id AND r.status = 'CONFIRMED')`,
  );
  expect(mismatched).toEqual([]);
}, 120_000);

test('the staff account logs in through the gateway and sees the newcomers; the data reads back across subgraphs', async () => {
  const login = await system.gql<{ logIn: { accessToken: string; member: { role: string } } }>(
    `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken member { role } } }`,
    { email: SEED_STAFF.email, password: DEMO_STAFF_PASSWORD },
  );
  expect(login.errors).toBeUndefined();
  expect(login.data!.logIn.member.role).toBe('STAFF');
  const token = login.data!.logIn.accessToken;

  const newcomers = await system.gql<{ newcomers: { totalCount: number; edges: { node: { id: string } }[] } }>(
    `{ newcomers(first: 20) { totalCount edges { node { id } } } }`,
    {},
    token,
  );
  expect(newcomers.errors).toBeUndefined();
  expect(newcomers.data!.newcomers.edges.map((e) => e.node.id).sort()).toEqual(SEED_NEWCOMERS.map((m) => m.id).sort());

  // The newcomers followed until they come: Rachid (five weeks, to nudge) has not come yet, Camille came.
  const notYet = await system.gql<{ newcomers: { edges: { node: { id: string; weeksSinceSignUp: number } }[] } }>(
    `{ newcomers(first: 50, filter: { withoutParticipation: true }) { edges { node { id weeksSinceSignUp } } } }`,
    {},
    token,
  );
  expect(notYet.errors).toBeUndefined();
  const [toNudge, came] = SEED_FOLLOWED_NEWCOMERS;
  expect(notYet.data!.newcomers.edges.map((e) => e.node)).toContainEqual({ id: toNudge!.id, weeksSinceSignUp: 5 });
  expect(notYet.data!.newcomers.edges.map((e) => e.node.id)).not.toContain(came!.id);

  const agenda = await system.gql<{
    agenda: { edges: { node: { title: string; organizer: { displayName: string } | null; venue: { commune: { name: string } } | null } }[] };
  }>(`{ agenda(first: 20) { edges { node { title organizer { displayName } venue { commune { name } } } } } }`, {}, token);
  expect(agenda.errors).toBeUndefined();
  const pot = agenda.data!.agenda.edges.find((e) => e.node.title === 'Le pot du pote');
  expect(pot?.node.venue?.commune.name).toBe("L'Île-Saint-Denis");
  expect(pot?.node.organizer?.displayName).toBe(SEED_STAFF.displayName);

  const search = await system.gql<{ searchGuide: { article: { slug: string } }[] }>(
    `{ searchGuide(query: "enquête publique") { article { slug } } }`,
  );
  expect(search.errors).toBeUndefined();
  expect(search.data!.searchGuide.map((h) => h.article.slug)).toContain('participer-a-une-enquete-publique');

  // Skills: the ones offered (the archived one is not), and what the demo ateliers and formations develop.
  const skills = await system.gql<{
    skills: { name: string }[];
    agenda: { edges: { node: { title: string; kind: string; skills: { name: string }[] } }[] };
  }>(`{ skills { name } agenda(first: 20, filter: { kinds: [ATELIER, FORMATION] }) { edges { node { title kind skills { name } } } } }`);
  expect(skills.errors).toBeUndefined();
  expect(skills.data!.skills.map((s) => s.name)).toEqual(
    expect.arrayContaining(['Animer une réunion', 'Prendre la parole en public', 'Interpeller un élu', 'Monter un projet associatif']),
  );
  expect(skills.data!.skills.map((s) => s.name)).not.toContain('Tenir un stand');
  const formation = skills.data!.agenda.edges.find((e) => e.node.title === 'Formation : participer à une enquête publique');
  expect(formation?.node.skills.map((s) => s.name)).toEqual(['Lire un dossier d’urbanisme', 'Prendre la parole en public']);
}, 60_000);

/** Logs the staff account in; its access token. */
async function staffToken(): Promise<string> {
  const login = await system.gql<{ logIn: { accessToken: string } }>(
    `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }`,
    { email: SEED_STAFF.email, password: DEMO_STAFF_PASSWORD },
  );
  expect(login.errors).toBeUndefined();
  return login.data!.logIn.accessToken;
}

test('every task of the staff console has something to do in the demo data (issue #18)', async () => {
  const token = await staffToken();
  const now = system.clock.now().toISOString();
  const { data, errors } = await system.gql<{
    eventsToReview: { totalCount: number; edges: { node: { title: string; organizer: { displayName: string } | null } }[] };
    eventRevisionsToReview: { totalCount: number };
    inReview: { totalCount: number; edges: { node: { slug: string } }[] };
    guideRevisionsToReview: { totalCount: number };
    openCases: { totalCount: number; edges: { node: { reportCount: number; reports: { reason: string; details: string | null }[] } }[] };
    resolvedCases: { totalCount: number; edges: { node: { decisions: { action: string }[] } }[] };
    moderationLog: { totalCount: number; edges: { node: { action: string } }[] };
    newItems: { totalCount: number; edges: { node: { communes: { code: string }[] } }[] };
    watchSources: { name: string; lastError: string | null }[];
    newcomers: { totalCount: number; edges: { node: { id: string; suggestedBuddies: { id: string }[] | null } }[] };
    due: { totalCount: number; edges: { node: { name: string; notes: { text: string }[] } }[] };
    allProspects: { totalCount: number; edges: { node: { status: string; source: { kind: string } } }[] };
    outreach: { byTerritory: { spotted: number }[] };
    warned: { warnings: { reason: string }[] | null } | null;
  }>(
    `query Console($now: DateTime!, $from: DateTime!, $warned: ID!) {
      eventsToReview(first: 10) { totalCount edges { node { title organizer { displayName } } } }
      eventRevisionsToReview(first: 10) { totalCount }
      inReview: guideArticles(first: 10, filter: { status: IN_REVIEW }) { totalCount edges { node { slug } } }
      guideRevisionsToReview(first: 10) { totalCount }
      openCases: moderationQueue(first: 10, filter: { status: OPEN }) { totalCount edges { node { reportCount reports { reason details } } } }
      resolvedCases: moderationQueue(first: 10, filter: { status: RESOLVED }) { totalCount edges { node { decisions { action } } } }
      moderationLog(first: 10) { totalCount edges { node { action } } }
      newItems: watchItems(first: 10, filter: { status: NEW }) { totalCount edges { node { communes { code } } } }
      watchSources { name lastError }
      newcomers(first: 10) { totalCount edges { node { id suggestedBuddies(first: 3) { id } } } }
      due: prospects(first: 10, filter: { dueBefore: $now }) { totalCount edges { node { name notes { text } } } }
      allProspects: prospects(first: 10) { totalCount edges { node { status source { kind } } } }
      outreach: outreachStats(from: $from, to: $now) { byTerritory { spotted } }
      warned: member(id: $warned) { warnings { reason } }
    }`,
    { now, from: new Date(system.clock.now().getTime() - 30 * 86_400_000).toISOString(), warned: SEED_WARNED_MEMBER_ID },
    token,
  );
  expect(errors).toBeUndefined();
  const d = data!;
  // Events: a member's proposal, and a change proposed to a published event.
  expect(d.eventsToReview.totalCount).toBeGreaterThan(0);
  expect(d.eventsToReview.edges[0]!.node.organizer?.displayName).toBe('Moussa Traoré');
  expect(d.eventRevisionsToReview.totalCount).toBeGreaterThan(0);
  // Guide: a fiche in review, a proposed edit of a published one.
  expect(d.inReview.edges.map((e) => e.node.slug)).toEqual(SEED_ARTICLES_IN_REVIEW.map((a) => a.slug));
  expect(d.guideRevisionsToReview.totalCount).toBeGreaterThan(0);
  // Moderation: an open case with two reports for different reasons; a resolved one with its decision; the log.
  expect(d.openCases.totalCount).toBe(1);
  const open = d.openCases.edges[0]!.node;
  expect(open.reportCount).toBe(2);
  expect(new Set(open.reports.map((r) => r.reason)).size).toBe(2);
  expect(open.reports.every((r) => r.details)).toBe(true);
  expect(d.resolvedCases.edges.flatMap((e) => e.node.decisions.map((x) => x.action)).sort()).toEqual(['DISMISS', 'WARN']);
  expect(d.moderationLog.edges.map((e) => e.node.action).sort()).toEqual(['CASE_ASSIGNED', 'DECISION_APPLIED', 'DISMISS', 'WARN']);
  // The veille: items to curate with their communes, a source whose last poll failed and others fine.
  expect(d.newItems.totalCount).toBeGreaterThanOrEqual(3);
  expect(d.newItems.edges.every((e) => e.node.communes.length > 0)).toBe(true);
  expect(d.watchSources.filter((s) => s.lastError).map((s) => s.lastError)).toEqual(['Le flux a répondu HTTP 503.']);
  expect(d.watchSources.some((s) => !s.lastError)).toBe(true);
  // Newcomers to welcome, some with buddies to suggest.
  expect(d.newcomers.totalCount).toBe(SEED_NEWCOMERS.length);
  expect(d.newcomers.edges.filter((e) => e.node.suggestedBuddies?.length).length).toBeGreaterThanOrEqual(2);
  // Outreach: one prospect due for follow-up, with notes; several statuses and sources; a chart over several territories.
  expect(d.due.edges.map((e) => e.node.name)).toEqual(['Amicale des locataires Pablo-Picasso']);
  expect(d.due.edges[0]!.node.notes.length).toBeGreaterThan(0);
  expect(new Set(d.allProspects.edges.map((e) => e.node.status)).size).toBeGreaterThanOrEqual(5);
  expect(new Set(d.allProspects.edges.map((e) => e.node.source.kind))).toEqual(new Set(['WATCH_ITEM', 'EVENT', 'FREE_TEXT']));
  expect(d.outreach.byTerritory.filter((t) => t.spotted > 0).length).toBeGreaterThanOrEqual(4);
  // A member with a warning, applied by members.
  expect(d.warned?.warnings?.map((w) => w.reason)).toEqual([SEED_CASES[1]!.decision!.reason]);

  // The public veille shows the selected items.
  const publicVeille = await system.gql<{ watchItems: { totalCount: number } }>(`{ watchItems(first: 20) { totalCount } }`);
  expect(publicVeille.errors).toBeUndefined();
  expect(publicVeille.data!.watchItems.totalCount).toBe(SEED_WATCH_ITEMS.filter((i) => i.status === 'SELECTED').length);
}, 60_000);

test('past events with attendance make the network’s figures and training paths (issue #19)', async () => {
  const token = await staffToken();
  const parisDay = (instant: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(instant);
  const now = system.clock.now();
  const { data, errors } = await system.gql<{
    networkStats: {
      participants: number;
      participations: number;
      returningParticipants: number;
      walkInMembers: number;
      walkInNonMembers: number;
      newMembers: number;
      newcomersCameWithin4Weeks: number;
      newcomersCameWithin12Weeks: number;
      byTerritory: { participants: number }[];
      byKind: { kind: string; participations: number }[];
    };
    ines: { skillsGained: { skill: { name: string } }[] };
  }>(
    `query Figures($from: Date!, $to: Date!, $ines: ID!) {
      networkStats(from: $from, to: $to) {
        participants participations returningParticipants walkInMembers walkInNonMembers newMembers
        newcomersCameWithin4Weeks newcomersCameWithin12Weeks
        byTerritory { participants } byKind { kind participations }
      }
      ines: member(id: $ines) { skillsGained { skill { name } } }
    }`,
    { from: parisDay(new Date(now.getTime() - 364 * 86_400_000)), to: parisDay(now), ines: SEED_MEMBERS[8]!.id },
    token,
  );
  expect(errors).toBeUndefined();
  const s = data!.networkStats;
  // What PAST_EVENTS marks, counted here again.
  const perMember = new Map<number, number>();
  for (const e of PAST_EVENTS) for (const i of [...e.present, ...e.walkIns]) perMember.set(i, (perMember.get(i) ?? 0) + 1);
  expect(s.participants).toBe(perMember.size);
  expect(s.participations).toBe([...perMember.values()].reduce((a, b) => a + b, 0));
  expect(s.returningParticipants).toBe([...perMember.values()].filter((n) => n >= 2).length);
  expect(s.walkInMembers).toBe(PAST_EVENTS.flatMap((e) => e.walkIns).length);
  expect(s.walkInNonMembers).toBe(PAST_EVENTS.reduce((n, e) => n + e.walkInCount, 0));
  expect(s.newMembers).toBeGreaterThan(10);
  // Inès, Youssef, Claire and Moussa came within 4 weeks of joining; the newcomers of the last days not yet.
  expect(s.newcomersCameWithin4Weeks).toBe(4);
  expect(s.newcomersCameWithin12Weeks).toBe(4);
  // Several territories, and pots, ateliers and formations.
  expect(s.byTerritory.filter((t) => t.participants > 0).length).toBeGreaterThanOrEqual(5);
  expect(s.byKind.filter((k) => k.participations > 0).map((k) => k.kind)).toEqual(['POT_DU_POTE', 'ATELIER', 'FORMATION']);
  // Inès came to the atelier and the formation: she gained their skills.
  expect(data!.ines.skillsGained.map((g) => g.skill.name).sort()).toEqual([
    'Animer une réunion',
    'Interpeller un élu',
    'Prendre la parole en public',
  ]);
}, 60_000);
