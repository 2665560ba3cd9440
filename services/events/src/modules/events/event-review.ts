import type { EntityManager } from 'typeorm';
import type { EventEntity } from './event.entity';
import type { UpdateEventInput } from './event.service';

/**
 * The fields of an edit staff review when a member who is not staff changes their published event: its text
 * (title, description), links (onlineUrl), place (venue) and time (startsAt, endsAt). The others (kind, capacity,
 * themes, reminderOffsetsHours) change at once, as staff's edits do.
 */
export const REVIEWED_FIELDS = ['title', 'description', 'startsAt', 'endsAt', 'venue', 'onlineUrl'] as const;

export type ReviewedEdit = Pick<UpdateEventInput, (typeof REVIEWED_FIELDS)[number]>;

/**
 * Where a member's change to their published event waits for staff (modules/revisions): recorded in the caller's
 * transaction, which holds the event's row lock. The published event stays as it is meanwhile.
 */
export interface EditReview {
  propose(manager: Pick<EntityManager, 'query'>, event: EventEntity, edit: ReviewedEdit): Promise<void>;
}

/** An edit split in what staff review (null when it touches none of those fields) and what goes live at once. */
export function splitForReview(input: UpdateEventInput): { reviewed: ReviewedEdit | null; live: UpdateEventInput } {
  const reviewed: Record<string, unknown> = {};
  const live: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if ((REVIEWED_FIELDS as readonly string[]).includes(key)) reviewed[key] = value;
    else live[key] = value;
  }
  return { reviewed: Object.keys(reviewed).length ? (reviewed as ReviewedEdit) : null, live: live as UpdateEventInput };
}
