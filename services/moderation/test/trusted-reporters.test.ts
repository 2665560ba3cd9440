import { ManualClock } from '@metropotes/config';
import { DEFAULT_TEST_NOW, startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { report, seedEvent } from './helpers';

const DAY = 86_400_000;

/**
 * Only trusted reporters (e-mail verified, account older than MODERATION_TRUSTED_REPORTER_DAYS, 7 by default, by the
 * platform's clock) count towards the automatic hiding: fresh accounts still report, and staff review their reports.
 * The accounts here are made old by moving the run's clock (a ManualClock), not by writing their joined_at.
 */
describe('the automatic hiding counts trusted reporters only', () => {
  let system: TestSystem;
  let clock: ManualClock;
  let organizer: TestMember;
  let staff: TestMember;

  beforeAll(async () => {
    clock = new ManualClock(new Date(DEFAULT_TEST_NOW));
    system = await startTestSystem({ clock });
    organizer = await system.signUp();
    staff = await system.signUp({ role: 'STAFF' });
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** Members whose address is verified (the verification link itself is tested in members). */
  const verifiedMembers = async (n: number): Promise<TestMember[]> => {
    const members = await Promise.all(Array.from({ length: n }, () => system.signUp()));
    await system.db.query(`UPDATE members.members SET email_verified_at = $2 WHERE id = ANY($1)`, [members.map((m) => m.id), clock.now()]);
    return members;
  };
  const reportAll = async (members: TestMember[], eventId: string) => {
    for (const m of members) expect((await report(system, m.token, { targetType: 'EVENT', targetId: eventId })).errors).toBeUndefined();
  };
  const caseOf = async (eventId: string) => {
    const { rows } = await system.db.query<{ id: string }>(`SELECT id FROM moderation.cases WHERE target_id = $1`, [eventId]);
    const answer = await system.gql<{
      moderationCase: {
        status: string;
        reportCount: number;
        trustedReportCount: number;
        decisions: { action: string; automatic: boolean; reason: string }[];
      };
    }>(
      `query C($id: ID!) { moderationCase(id: $id) { status reportCount trustedReportCount decisions { action automatic reason } } }`,
      { id: rows[0]!.id },
      staff.token,
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.moderationCase;
  };
  const outboxJobs = async (eventId: string) =>
    (
      await system.db.query(
        `SELECT 1 FROM moderation.job_outbox o JOIN moderation.decisions d ON o.payload->>'decisionId' = d.id::text WHERE d.target_id = $1`,
        [eventId],
      )
    ).rowCount;

  it('three fresh verified accounts report the same event: it stays visible, the case waits for staff', async () => {
    const eventId = await seedEvent(system, organizer.id);
    await reportAll(await verifiedMembers(3), eventId);
    expect(await caseOf(eventId)).toEqual({ status: 'OPEN', reportCount: 3, trustedReportCount: 0, decisions: [] });
    expect(await outboxJobs(eventId)).toBe(0);
    expect((await system.gql<{ event: { id: string } | null }>(`query E($id: ID!) { event(id: $id) { id } }`, { id: eventId })).data!.event).toEqual({
      id: eventId,
    });
  });

  it('three old accounts whose address is not verified do not hide anything either', async () => {
    const members = await Promise.all(Array.from({ length: 3 }, () => system.signUp()));
    clock.advance(8 * DAY);
    const eventId = await seedEvent(system, organizer.id);
    await reportAll(members, eventId);
    expect(await caseOf(eventId)).toMatchObject({ reportCount: 3, trustedReportCount: 0, decisions: [] });
    expect(await outboxJobs(eventId)).toBe(0);
  });

  it('three trusted reporters (verified, older than 7 days by the clock) hide it pending review', async () => {
    const members = await verifiedMembers(3);
    // Six days and 23 hours later: not yet trusted.
    clock.advance(7 * DAY - 3_600_000);
    const early = await seedEvent(system, organizer.id);
    await reportAll(members, early);
    expect(await caseOf(early)).toMatchObject({ reportCount: 3, trustedReportCount: 0, decisions: [] });

    // A week after they joined: trusted. A report made again while the case is open counts from now on.
    clock.advance(3_600_000);
    const eventId = await seedEvent(system, organizer.id);
    await reportAll(members, eventId);
    const hidden = await caseOf(eventId);
    expect(hidden).toMatchObject({ status: 'OPEN', reportCount: 3, trustedReportCount: 3 });
    expect(hidden.decisions).toEqual([{ action: 'HIDE', automatic: true, reason: expect.stringMatching(/^Masquage automatique : 3 membres/) }]);
    expect(await outboxJobs(eventId)).toBe(1);

    await reportAll(members, early);
    expect(await caseOf(early)).toMatchObject({ trustedReportCount: 3, decisions: [{ action: 'HIDE', automatic: true }] });
  });

  it('untrusted reports add to the queue, trusted ones alone reach the threshold', async () => {
    const old = await verifiedMembers(2);
    clock.advance(8 * DAY);
    const fresh = await verifiedMembers(2);
    const eventId = await seedEvent(system, organizer.id);
    await reportAll([...old, ...fresh], eventId);
    expect(await caseOf(eventId)).toMatchObject({ reportCount: 4, trustedReportCount: 2, decisions: [] });
    const [third] = await verifiedMembers(1);
    await system.db.query(`UPDATE members.members SET joined_at = $2::timestamptz - interval '30 days' WHERE id = $1`, [third!.id, clock.now()]);
    await reportAll([third!], eventId);
    expect(await caseOf(eventId)).toMatchObject({ reportCount: 5, trustedReportCount: 3, decisions: [{ action: 'HIDE', automatic: true }] });
  });
});
