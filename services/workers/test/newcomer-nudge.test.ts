import { ManualClock } from '@metropotes/config';
import type { TestMember, TestSystem } from '@metropotes/test-kit';
import type { ParsedMail } from 'mailparser';
import { scanNewcomerNudges } from '../src/jobs/newcomers.job';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import { createEvent, gqlData, registerForEvent, sleep, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const PUBLIC_URL = 'https://metropotes.example.org';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const MARK = `mutation M($input: MarkAttendanceInput!) { markAttendance(input: $input) { id attendedCount } }`;
const FIRST = `query F($id: ID!) { member(id: $id) { id firstParticipationAt weeksSinceSignUp } }`;
const NOT_COME_YET = `query N($after: String) {
  newcomers(first: 2, after: $after, filter: { withoutParticipation: true }) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id weeksSinceSignUp firstParticipationAt } }
  }
}`;

type NotComeYetPage = {
  newcomers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; weeksSinceSignUp: number } }[];
  };
};

/**
 * Newcomers followed until they come (issue #19), end to end: attendance marked in events reaches members'
 * `firstParticipationAt` through the outbox and the workers; staff list who has not come yet; with the run's clock
 * (a ManualClock) moved past NEWCOMER_NUDGE_WEEKS, the nudge scan e-mails each newcomer who has not come once, ever,
 * with the next two events near them, and a note to their buddy; nobody who came, opted out, or joined long before.
 */
describe('newcomers followed until they come (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let sink: SmtpSink;
  let runtime: WorkersRuntime;
  /** Tuesday 1 September 2026, 09:00 UTC: the oldest sign-up, long before the nudge's window. */
  const clock = new ManualClock(new Date('2026-09-01T09:00:00Z'));
  /** Tuesday 20 October 2026, 11:00 in Paris: the newcomers sign up. */
  const joined = new Date('2026-10-20T09:00:00Z');
  let staff: TestMember;
  let early: TestMember;
  let ines: TestMember;
  let moussa: TestMember;
  let optedOut: TestMember;
  let buddy: TestMember;

  const verified = (members: TestMember[]) =>
    system.db.query(`UPDATE members.members SET email_verified_at = joined_at WHERE id = ANY($1)`, [members.map((m) => m.id)]);

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true, clock });
    ({ system, runtime } = harness);
    sink = harness.sink!;
    early = await system.signUp({ displayName: 'Ancienne Adhérente', communeCode: '93039' });
    clock.set(joined);
    [staff, ines, moussa, optedOut, buddy] = await Promise.all([
      system.signUp({ role: 'STAFF' }),
      system.signUp({ displayName: 'Inès Haddad', communeCode: '93039' }),
      system.signUp({ displayName: 'Moussa Traoré', communeCode: '93039' }),
      system.signUp({ displayName: 'Yanis Martin', communeCode: '93039' }),
      system.signUp({ displayName: 'Fatou Sow', communeCode: '93066' }),
    ]);
    await verified([early, ines, moussa, optedOut]);
    await system.db.query(`UPDATE members.members SET welcome_status = 'WELCOMED' WHERE id = $1`, [buddy.id]);
    await gqlData(system, `mutation A($m: ID!, $b: ID!) { assignBuddy(memberId: $m, buddyId: $b) { id } }`, { m: ines.id, b: buddy.id }, staff.token);
    await gqlData(system, `mutation P { updateMyNotificationPreferences(input: { welcomeFollowUp: false }) { id } }`, {}, optedOut.token);
  }, 90_000);

  afterAll(() => harness?.stop());

  const template = (m: ParsedMail) => m.headers.get('x-metropotes-template');
  const mailsTo = (member: TestMember, name: string) =>
    sink.messages.filter((m) => template(m) === name && JSON.stringify(m.to ?? '').includes(member.email));
  const mailTo = (member: TestMember, name: string) => waitFor(`${name} e-mail to ${member.email}`, async () => mailsTo(member, name)[0]);
  const firstOf = async (member: TestMember) =>
    (await gqlData<{ member: { firstParticipationAt: string | null; weeksSinceSignUp: number } }>(system, FIRST, { id: member.id }, staff.token))
      .member;

  it('attendance marked PRESENT sets firstParticipationAt (through the outbox and the workers); a correction takes it back', async () => {
    const atelier = await createEvent(system, staff.token, { title: 'Atelier compost' }, new Date(joined.getTime() + 2 * DAY));
    await registerForEvent(system, atelier.id, moussa);
    clock.set(new Date(joined.getTime() + 2 * DAY + HOUR));
    await gqlData(system, MARK, { input: { eventId: atelier.id, entries: [{ memberId: moussa.id, status: 'PRESENT' }] } }, staff.token);
    const came = await waitFor('first participation', async () => (await firstOf(moussa)).firstParticipationAt);
    expect(came).toBe(atelier.startsAt);
    // Only the member themself and staff read it.
    const asOther = await gqlData<{ member: { firstParticipationAt: string | null; weeksSinceSignUp: number | null } | null }>(
      system,
      FIRST,
      { id: moussa.id },
      ines.token,
    );
    expect(asOther.member).toEqual({ id: moussa.id, firstParticipationAt: null, weeksSinceSignUp: null });

    await gqlData(system, MARK, { input: { eventId: atelier.id, entries: [{ memberId: moussa.id, status: 'ABSENT' }] } }, staff.token);
    await waitFor('first participation taken back', async () => (await firstOf(moussa)).firstParticipationAt === null);
    await gqlData(system, MARK, { input: { eventId: atelier.id, entries: [{ memberId: moussa.id, status: 'PRESENT' }] } }, staff.token);
    expect(await waitFor('first participation again', async () => (await firstOf(moussa)).firstParticipationAt)).toBe(atelier.startsAt);
  });

  it('staff list the newcomers who have not come yet, oldest sign-up first, with the weeks since sign-up', async () => {
    clock.set(new Date(joined.getTime() + 5 * WEEK));
    const ids: string[] = [];
    const weeks = new Map<string, number>();
    let after: string | null = null;
    let total: number;
    do {
      const page: NotComeYetPage = await gqlData<NotComeYetPage>(system, NOT_COME_YET, { after }, staff.token);
      total = page.newcomers.totalCount;
      for (const { node } of page.newcomers.edges) {
        ids.push(node.id);
        weeks.set(node.id, node.weeksSinceSignUp);
      }
      after = page.newcomers.pageInfo.hasNextPage ? page.newcomers.pageInfo.endCursor : null;
    } while (after);
    // Moussa came; staff are not newcomers.
    expect(ids).toHaveLength(total);
    expect(ids).not.toContain(moussa.id);
    expect(ids).not.toContain(staff.id);
    expect(ids[0]).toBe(early.id);
    expect(new Set(ids)).toEqual(new Set([early.id, ines.id, optedOut.id, buddy.id]));
    expect(weeks.get(early.id)).toBe(12);
    expect(weeks.get(ines.id)).toBe(5);
    // Without the filter: the members not yet welcomed, as before (the buddy was welcomed; Moussa was not).
    const plain = await gqlData<{ newcomers: { edges: { node: { id: string } }[] } }>(
      system,
      `query { newcomers(first: 50) { edges { node { id } } } }`,
      {},
      staff.token,
    );
    const plainIds = plain.newcomers.edges.map((e) => e.node.id);
    expect(plainIds).toContain(moussa.id);
    expect(plainIds).not.toContain(buddy.id);
    // A member cannot list them.
    expect((await system.gql(NOT_COME_YET, { after: null }, ines.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('past NEWCOMER_NUDGE_WEEKS: one nudge naming the next two events near them, a note to the buddy, never twice', async () => {
    const now = clock.now();
    // In the commune (L'Île-Saint-Denis) a pot du pote; in the territory (Saint-Denis, Plaine Commune) an atelier.
    const pot = await createEvent(
      system,
      staff.token,
      {
        title: "Pot du pote de L'Île-Saint-Denis",
        kind: 'POT_DU_POTE',
        venue: { name: 'Le Café des Potes', address: '2 quai de la Marine', communeCode: '93039' },
      },
      new Date('2026-11-26T17:30:00Z'),
    );
    const atelier = await createEvent(
      system,
      staff.token,
      { title: 'Atelier interpeller un élu', venue: { name: 'Maison de quartier', address: '5 rue Gabriel-Péri', communeCode: '93066' } },
      new Date('2026-11-25T18:00:00Z'),
    );

    const first = await scanNewcomerNudges(runtime, now);
    expect(first).toEqual({ newcomers: 2, nudges: 1, buddyNotes: 1 });

    const nudge = await mailTo(ines, 'newcomer-nudge');
    expect(nudge.subject).toBe('On vous attend au prochain rendez-vous – Les Métropotes');
    expect(nudge.text).toContain("« Pot du pote de L'Île-Saint-Denis », jeudi 26 novembre à 18 h 30");
    expect(nudge.text).toContain("Le Café des Potes, 2 quai de la Marine, L'Île-Saint-Denis, dans votre commune.");
    expect(nudge.text).toContain('« Atelier interpeller un élu », mercredi 25 novembre à 19 h');
    expect(nudge.text).toContain('dans votre territoire, Plaine Commune');
    expect(nudge.text).toContain(`${PUBLIC_URL}/evenements/${pot.id}?inscription=1`);
    expect(nudge.html).toContain(`href="${PUBLIC_URL}/evenements/${atelier.id}?inscription=1"`);
    expect(nudge.text).toContain(`Fatou Sow`);
    expect(nudge.text).toContain(`${PUBLIC_URL}/membres/${buddy.id}`);

    const note = await mailTo(buddy, 'buddy-nudge');
    expect(note.subject).toBe("Inès Haddad n'est pas encore venu·e à un rendez-vous – Les Métropotes");
    expect(note.text).toContain('a rejoint le réseau le mardi 20 octobre');
    expect(note.text).toContain(`${PUBLIC_URL}/membres/${ines.id}`);

    // Run again (and again a day later): nothing more.
    expect(await scanNewcomerNudges(runtime, now)).toEqual({ newcomers: 0, nudges: 0, buddyNotes: 0 });
    clock.advance(DAY);
    expect(await scanNewcomerNudges(runtime, clock.now())).toEqual({ newcomers: 0, nudges: 0, buddyNotes: 0 });
    // Even if members forgot the nudge, the ledger's dedupe key keeps it to one e-mail.
    await system.db.query(`UPDATE members.members SET nudged_at = NULL WHERE id = $1`, [ines.id]);
    expect(await scanNewcomerNudges(runtime, clock.now())).toEqual({ newcomers: 1, nudges: 0, buddyNotes: 0 });
    await sleep(500);
    expect(mailsTo(ines, 'newcomer-nudge')).toHaveLength(1);
    expect(mailsTo(buddy, 'buddy-nudge')).toHaveLength(1);
    const rows = await system.db.query(
      `SELECT dedupe_key FROM workers.emails WHERE template IN ('newcomer-nudge', 'buddy-nudge') ORDER BY dedupe_key`,
    );
    expect(rows.rows.map((r: { dedupe_key: string }) => r.dedupe_key)).toEqual([`buddy-nudge:${ines.id}:${buddy.id}`, `newcomer-nudge:${ines.id}`]);

    // Moussa came, Yanis turned the follow-up e-mails off (recorded as nudged all the same), the early member joined
    // before the window: none of them gets one.
    for (const member of [moussa, optedOut, early]) expect(mailsTo(member, 'newcomer-nudge')).toHaveLength(0);
    const nudged = await system.db.query(`SELECT id FROM members.members WHERE nudged_at IS NOT NULL ORDER BY id`);
    expect(nudged.rows.map((r: { id: string }) => r.id)).toEqual([ines.id, optedOut.id].sort());
  });
});
