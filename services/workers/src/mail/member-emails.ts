import { renderEmail, TemplateParamError, type MailTemplateName } from '@metropotes/mail';
import { randomUUID } from 'node:crypto';
import type { MemberForMail } from '../gateway/system-gateway';
import type { WorkersRuntime } from '../runtime';
import { ensureDeliveryQueued, queueNewDeliveries } from './delivery-queue';
import type { NewEmail } from './email.repository';

export interface MemberEmailRequest {
  template: MailTemplateName;
  memberId: string;
  /** One e-mail per key, ever. */
  dedupeKey: string;
  params: Record<string, string>;
}

/** The domain of the From address, for Message-IDs. */
export function senderDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'metropotes.invalid';
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
  // A row written earlier whose job was lost goes back in the queue.
  for (const row of existing) if (row.state === 'pending') await ensureDeliveryQueued(rt.jobs, rt.delivery, row.id);
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
  await queueNewDeliveries(rt.jobs, rt.delivery, inserted.filter((r) => r.state === 'pending').map((r) => r.id));
  return { created: inserted.length, skipped: requests.length - inserted.length };
}

function buildEmail(rt: WorkersRuntime, request: MemberEmailRequest, member: MemberForMail | undefined): NewEmail {
  const id = randomUUID();
  const base = { id, dedupeKey: request.dedupeKey, template: request.template, memberId: request.memberId };
  const empty = { toAddress: null, subject: null, html: null, text: null, headers: {} };
  if (!member?.email) return { ...base, ...empty, state: 'suppressed', lastError: 'member not found or erased' };
  try {
    const rendered = renderEmail(request.template, { displayName: member.displayName, publicUrl: rt.config.publicUrl, params: request.params });
    return {
      ...base,
      state: 'pending',
      toAddress: member.email,
      ...rendered,
      headers: {
        'Message-ID': `<${id}@${senderDomain(rt.config.mail.from)}>`,
        'Auto-Submitted': 'auto-generated',
        'X-Metropotes-Email-Id': id,
        'X-Metropotes-Template': request.template,
      },
      lastError: null,
    };
  } catch (error) {
    if (!(error instanceof TemplateParamError)) throw error;
    return { ...base, ...empty, state: 'dead', lastError: error.message };
  }
}

const WHEN = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** "mardi 1 décembre 2026 à 19:00" (Paris time). */
export function parisTime(date: Date | string): string {
  return WHEN.format(new Date(date));
}
