import { renderEmail, type MailTemplateName } from '@metropotes/mail';
import type { MemberForMail } from '../gateway/system-gateway';
import type { WorkersRuntime } from '../runtime';
import { ensureDeliveriesQueued, queueNewDeliveries } from './delivery-queue';
import type { EmailAttachment } from './email.entity';
import type { NewEmail } from './email.repository';
import { closedEmailRow, emailRowBase, renderedEmailRow } from './email-row';

export interface MemberEmailRequest {
  template: MailTemplateName;
  memberId: string;
  /** One e-mail per key, ever. */
  dedupeKey: string;
  params: Record<string, string>;
  /** Headers of this e-mail beyond the common ones (List-Id, List-Unsubscribe of a group message). */
  headers?: Record<string, string>;
  /** The id the secret of its links is derived from at delivery (a group message: its group), stored with the row. */
  linkId?: string;
  /** Files sent with it (the event's .ics). */
  attachments?: EmailAttachment[];
}

/**
 * Writes many member e-mails at once: the keys already written are skipped (one query), the members still
 * needed are read through the gateway in batches, the e-mails are inserted (once per dedupe key) in one statement
 * and their deliveries queued in one round trip. `accept(member)` may refuse a member (preferences): nothing is written for them, so a later run
 * may still write it. Safe to run again at any point. Returns how many rows were created.
 */
export async function writeMemberEmails(
  rt: WorkersRuntime,
  requests: MemberEmailRequest[],
  accept: (member: MemberForMail) => boolean = () => true,
): Promise<{ created: number; skipped: number }> {
  if (!requests.length) return { created: 0, skipped: 0 };
  const existing: { id: string; dedupe_key: string; state: string }[] = await rt.dataSource.query(
    `SELECT id, dedupe_key, state FROM workers.emails WHERE dedupe_key = ANY($1::text[])`,
    [requests.map((r) => r.dedupeKey)],
  );
  const known = new Map(existing.map((r) => [r.dedupe_key, r]));
  // Rows written earlier whose job was lost go back in the queue.
  await ensureDeliveriesQueued(
    rt.jobs,
    rt.delivery,
    existing.filter((row) => row.state === 'pending').map((row) => row.id),
  );
  const fresh = requests.filter((r) => !known.has(r.dedupeKey));
  if (!fresh.length) return { created: 0, skipped: requests.length };
  const members = await rt.gateway.membersForMail(fresh.map((r) => r.memberId));
  const emails = fresh.flatMap((request) => {
    const member = members.get(request.memberId);
    return member && !accept(member) ? [] : [buildEmail(rt, request, member)];
  });
  // One INSERT for all the rows, one addBulk for their deliveries (a cancellation with a hundred attendees is two
  // round trips, not four hundred). A crash in between leaves pending rows the reconcile loop queues.
  const inserted = await rt.emails.insertManyOnce(emails);
  await queueNewDeliveries(
    rt.jobs,
    rt.delivery,
    inserted.filter((r) => r.state === 'pending').map((r) => r.id),
  );
  return { created: inserted.length, skipped: requests.length - inserted.length };
}

function buildEmail(rt: WorkersRuntime, request: MemberEmailRequest, member: MemberForMail | undefined): NewEmail {
  const base = emailRowBase({ dedupeKey: request.dedupeKey, template: request.template, memberId: request.memberId });
  if (!member?.email) return closedEmailRow(base, 'suppressed', 'member not found or erased');
  const email = renderedEmailRow(
    base,
    member.email,
    rt.config.mail.from,
    () => renderEmail(request.template, { displayName: member.displayName, publicUrl: rt.config.publicUrl, params: request.params }),
    request.headers,
    request.attachments ?? [],
  );
  return request.linkId ? { ...email, linkId: request.linkId } : email;
}
