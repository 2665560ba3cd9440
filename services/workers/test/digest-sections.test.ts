import type { TestMember, TestSystem } from '@metropotes/test-kit';
import { digestKey, runDigest } from '../src/digest/digest-run';
import { periodsDueAt } from '../src/digest/period';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import { gqlData, waitFor, startWorkersHarness, type WorkersHarness } from './support/workers-harness';

const HOUR = 3_600_000;

/**
 * The members' digest tells what concerns them (issue #20): « Mon agenda » (their upcoming registrations), « Mes
 * groupes » (who joined their groups, their groups' events), events matching their themes as well as their places,
 * and online events reaching every member who follows their themes. Through the gateway, with the SMTP sink.
 */
describe('digest sections: agenda, groups, themes and online events (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let sink: SmtpSink;
  let runtime: WorkersRuntime;
  let staff: TestMember;
  let reader: TestMember;
  let online: TestMember;
  let groupAdmin: TestMember;

  const now = () => system.clock.now();
  const gqlOk = <T>(query: string, variables: Record<string, unknown>, token?: string) => gqlData<T>(system, query, variables, token);
  const prefs = (member: TestMember, input: Record<string, unknown>) =>
    gqlOk(`mutation P($input: NotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) { id } }`, { input }, member.token);
  /** An event published by staff (or proposed by `token` and published), starting `days` from now. */
  const event = async (title: string, days: number, over: Record<string, unknown>, token = staff.token) => {
    const start = new Date(now().getTime() + days * 24 * HOUR);
    start.setUTCSeconds(0, 0);
    const created = await gqlOk<{ createEvent: { id: string; status: string } }>(
      `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id status } }`,
      { input: { title, kind: 'ATELIER', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(), ...over } },
      token,
    );
    if (created.createEvent.status !== 'PUBLISHED')
      await gqlOk(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: created.createEvent.id }, staff.token);
    return created.createEvent.id;
  };
  const far = { venue: { name: 'Salle des fêtes', communeCode: '94028' } };

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true });
    ({ system, runtime } = harness);
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF' });
    groupAdmin = await system.signUp({ displayName: 'Karim Admin', communeCode: '94028' });
    reader = await system.signUp({ displayName: 'Fatou Lectrice', communeCode: '93039' });
    online = await system.signUp({ displayName: 'Omar Enligne', communeCode: '77288' });
    for (const m of [staff, groupAdmin]) await prefs(m, { digestFrequency: 'NONE' });
    await prefs(reader, { digestFrequency: 'WEEKLY', followedThemes: ['LOGEMENT'] });
    await prefs(online, { digestFrequency: 'WEEKLY', followedThemes: ['NUMERIQUE'], followedTerritories: [] });

    // A group the reader belongs to; someone joins it; its admin proposes an event for it, far away, on no followed theme.
    const group = await gqlOk<{ createGroup: { id: string } }>(
      `mutation G($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      {
        input: { name: 'Amicale des Quais' },
      },
      groupAdmin.token,
    );
    const groupId = group.createGroup.id;
    const join = (m: TestMember) => gqlOk(`mutation J($id: ID!) { joinGroup(groupId: $id) { id } }`, { id: groupId }, m.token);
    await join(reader);
    const joiner = await system.signUp({ displayName: 'Nadia Nouvelle', communeCode: '75056' });
    await prefs(joiner, { digestFrequency: 'NONE' });
    await join(joiner);
    await event('Assemblée de l’amicale', 5, { ...far, themes: ['SPORT'], groupId }, groupAdmin.token);

    // Far away, on the reader's theme: reaches them by theme. Far away, on no theme of theirs: does not.
    await event('Permanence logement', 4, { ...far, themes: ['LOGEMENT'] });
    await event('Tournoi de pétanque', 4, { ...far, themes: ['SPORT'] });
    // Online, no place: reaches whoever follows its themes, wherever they live.
    await event('Webinaire outils numériques', 6, { onlineUrl: 'https://visio.example.org/numerique', themes: ['NUMERIQUE'] });
    await event('Webinaire culture', 6, { onlineUrl: 'https://visio.example.org/culture', themes: ['CULTURE'] });
    // Far away, on no theme of theirs, but the reader registered: in « Mon agenda » only.
    const registered = await event('Formation prise de parole', 3, { ...far, themes: ['EMPLOI'] });
    await gqlOk(`mutation R($id: ID!) { registerForEvent(eventId: $id) { id } }`, { id: registered }, reader.token);
  }, 180_000);

  afterAll(async () => {
    await harness?.stop();
  });

  const sectionOf = (text: string, title: string) => {
    const after = text.split(`== ${title} ==`)[1];
    return after === undefined ? null : after.split('\n== ')[0]!;
  };

  it('tells each member their agenda, their groups, and the events on their themes, online ones included', async () => {
    const period = periodsDueAt(now())[0]!;
    // The gateway requests of the run, by operation: the new sections ride on the members batch's own request.
    const calls: string[] = [];
    const call = runtime.gateway.call.bind(runtime.gateway);
    runtime.gateway.call = ((...args: Parameters<typeof call>) => {
      calls.push(/query (\w+)/.exec(args[0].toString())?.[1] ?? 'anonymous');
      return call(...args);
    }) as typeof call;
    let result: Awaited<ReturnType<typeof runDigest>>;
    try {
      result = await runDigest(runtime, period, now());
    } finally {
      runtime.gateway.call = call;
    }
    expect(result.created).toBe(2);
    expect(calls.sort()).toEqual(['WorkerDigestAgenda', 'WorkerDigestFiches', 'WorkerDigestMembers', 'WorkerDigestNewcomers', 'WorkerDigestWatch']);

    const mail = async (member: TestMember) => {
      const row = await waitFor(
        `${member.id}'s digest sent`,
        async () => {
          const { rows } = await system.db.query(`SELECT * FROM workers.emails WHERE dedupe_key = $1 AND state = 'sent'`, [
            digestKey(member.id, period),
          ]);
          return rows[0] ?? null;
        },
        15_000,
      );
      return String(sink.byEmailId(row.id)[0]?.text ?? '');
    };

    const text = await mail(reader);
    const agenda = sectionOf(text, 'Mon agenda');
    expect(agenda).toContain('Formation prise de parole');
    expect(agenda).toContain('Salle des fêtes');
    const groups = sectionOf(text, 'Mes groupes');
    expect(groups).toContain('Nadia Nouvelle a rejoint Amicale des Quais');
    expect(groups).toContain('Assemblée de l’amicale');
    expect(groups).toContain('Amicale des Quais –');
    expect(groups).not.toContain('Fatou Lectrice');
    const events = sectionOf(text, 'Événements à venir pour vous');
    expect(events).toContain('Permanence logement');
    // Each event once: the registered one in the agenda, the group's in « Mes groupes ».
    expect(events).not.toContain('Formation prise de parole');
    expect(events).not.toContain('Assemblée de l’amicale');
    expect(events).not.toContain('Tournoi de pétanque');
    expect(events).not.toContain('Webinaire');
    // The sections in order: what is theirs first.
    expect(text.indexOf('== Mon agenda ==')).toBeLessThan(text.indexOf('== Mes groupes =='));
    expect(text.indexOf('== Mes groupes ==')).toBeLessThan(text.indexOf('== Événements à venir pour vous =='));

    const far = await mail(online);
    expect(sectionOf(far, 'Événements à venir pour vous')).toContain('Webinaire outils numériques');
    expect(sectionOf(far, 'Événements à venir pour vous')).toContain('en ligne');
    expect(far).not.toContain('Webinaire culture');
    expect(far).not.toContain('Permanence logement');
    expect(sectionOf(far, 'Mon agenda')).toBeNull();
    expect(sectionOf(far, 'Mes groupes')).toBeNull();
  });
});
