import type { TestSystem } from '@metropotes/test-kit';

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
  reportContent: { id: string; targetType: string; targetId: string; reason: string; details: string | null; caseStatus: string; reporter: { id: string } };
}

export function report(
  system: TestSystem,
  token: string | undefined,
  input: { targetType: string; targetId: string; reason?: string; details?: string },
) {
  return system.gql<ReportAnswer>(REPORT_CONTENT, { input: { reason: 'SPAM', ...input } }, token);
}
