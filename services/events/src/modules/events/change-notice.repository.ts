import type { EventEntity } from './event.entity';

/** What a change notice compares: what a calendar entry shows of an event (its time, place and online link). */
export interface NoticedFields {
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  venueAddress: string | null;
  communeCode: string | null;
  onlineUrl: string | null;
}

/** The noticed fields of an event, as stored in a notice's `before` (instants as ISO 8601 UTC). */
export function noticedFields(
  event: Pick<EventEntity, 'startsAt' | 'endsAt' | 'venueName' | 'venueAddress' | 'communeCode' | 'onlineUrl'>,
): NoticedFields {
  return {
    startsAt: new Date(event.startsAt).toISOString(),
    endsAt: new Date(event.endsAt).toISOString(),
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    communeCode: event.communeCode,
    onlineUrl: event.onlineUrl,
  };
}

/** Whether two states differ in what a change notice tells. */
export const noticedChange = (a: NoticedFields, b: NoticedFields): boolean =>
  (Object.keys(a) as (keyof NoticedFields)[]).some((key) => a[key] !== b[key]);

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * A published event's time, place or online link changed (in the transaction holding its row lock): opens its
 * pending notice unless one is already open — `before` is the event before this first change, due `delaySeconds`
 * after it. Returns the notice opened (its job is to be written to the outbox), or null when one was already pending
 * (its job sends the latest state, compared with the state before its first change).
 */
export async function openChangeNotice(
  manager: Queryable,
  before: EventEntity,
  now: Date,
  delaySeconds: number,
): Promise<{ id: string; dueAt: Date } | null> {
  const dueAt = new Date(now.getTime() + delaySeconds * 1000);
  const rows = (await manager.query(
    `INSERT INTO events.event_change_notices (event_id, before, first_change_at, due_at)
     VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (event_id) WHERE sent_at IS NULL DO NOTHING
     RETURNING id`,
    [before.id, JSON.stringify(noticedFields(before)), now, dueAt],
  )) as { id: string }[];
  return rows[0] ? { id: rows[0].id, dueAt } : null;
}
