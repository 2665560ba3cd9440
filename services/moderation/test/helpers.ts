import type { TestMember, TestSystem } from '@metropotes/test-kit';

/**
 * Seeds an event as the events service would store it (tests only; the moderation code never does this): upcoming,
 * a week after the run's clock.
 */
export async function seedEvent(system: TestSystem, organizerId: string, status: 'PUBLISHED' | 'DRAFT' = 'PUBLISHED'): Promise<string> {
  const { rows } = await system.db.query<{ id: string }>(
    `INSERT INTO events.events (title, kind, status, starts_at, ends_at, organizer_id)
     VALUES ('Atelier budget participatif', 'ATELIER', $2, $3::timestamptz + interval '7 days', $3::timestamptz + interval '7 days 2 hours', $1)
     RETURNING id`,
    [organizerId, status, system.clock.now()],
  );
  return rows[0]!.id;
}

export const REPORT_CONTENT = `mutation Report($input: ReportContentInput!) {
  reportContent(input: $input) { id targetType targetId reason details caseStatus reporter { id } }
}`;

export interface ReportAnswer {
  reportContent: {
    id: string;
    targetType: string;
    targetId: string;
    reason: string;
    details: string | null;
    caseStatus: string;
    reporter: { id: string };
  };
}

export function report(
  system: TestSystem,
  token: string | undefined,
  input: { targetType: string; targetId: string; reason?: string; details?: string },
) {
  return system.gql<ReportAnswer>(REPORT_CONTENT, { input: { reason: 'SPAM', ...input } }, token);
}

/**
 * Members whose reports count towards the automatic hiding: their address verified and their account a month old by
 * the run's clock (written in the members database, as a test fixture; trusted-reporters.test.ts moves the clock instead).
 */
export async function trustedReporters(system: TestSystem, n: number): Promise<TestMember[]> {
  const members = await Promise.all(Array.from({ length: n }, () => system.signUp()));
  await system.db.query(`UPDATE members.members SET email_verified_at = $2, joined_at = $2::timestamptz - interval '30 days' WHERE id = ANY($1)`, [
    members.map((m) => m.id),
    system.clock.now(),
  ]);
  return members;
}
