import { staleReminderReason } from '../jobs/reminders-scan.job';
import type { WorkersRuntime } from '../runtime';
import type { EmailState } from './email.entity';
import type { EmailContent } from './email.repository';
import { LinkSecrets, withSecret } from './secret-link';
import { describeSmtpError, isPermanentSmtpError } from './smtp-sender';

/** What one attempt at sending a stored e-mail came to. */
export type DeliveryOutcome =
  /** Nothing to send: the row is gone or no longer pending, or another run holds it (and sends it). */
  | { kind: 'skipped' }
  /** Closed unsent (`suppressed`): its link is no longer valid, or its reminder is stale. */
  | { kind: 'suppressed'; reason: string }
  | { kind: 'sent' }
  /** A temporary SMTP failure, recorded on the row (`attempts`, `last_error`), which stays pending: try again later. */
  | { kind: 'retry'; error: unknown }
  /** A permanent SMTP failure, or the last attempt failed: the row is `dead`. */
  | { kind: 'dead'; reason: string };

/** What the caller knows of the row already (it has just written it): the delivery then does not read it first. */
export interface KnownEmail {
  id: string;
  dedupeKey: string;
  template: string;
  memberId: string | null;
  linkId: string | null;
  state: EmailState;
  /** What it says, as written: then not read again under the lock. */
  content?: EmailContent;
}

/**
 * Sends one stored e-mail of workers.emails, once. The row, locked for the time of the send (`SELECT … FOR UPDATE SKIP
 * LOCKED`), decides: only a pending row is sent, and it is marked sent in the same transaction, so a delivery run
 * twice, or at the same time by two jobs, sends at most once.
 *
 * An e-mail with a secret link (verification, reset, invitation, digest unsubscribe) is stored with the link masked:
 * just before SMTP, its secret is asked for (members, through the gateway) or signed (the digest's), and filled into
 * the outgoing message only, never into the row, a log line or Redis. A link no longer valid closes the e-mail as
 * suppressed, unsent. A reminder is re-checked first (event cancelled or moved, registration cancelled, reminders off).
 *
 * Used by `email.deliver` (a stored e-mail's delivery job, its retries) and by `email.requested`, which sends the row it
 * has just written in the same job.
 */
export class EmailDelivery {
  /** The transaction stays open while SMTP answers: connection, greeting, then each command. */
  private readonly idleTimeoutMs: number;
  private readonly linkSecrets: LinkSecrets;

  constructor(private readonly rt: WorkersRuntime) {
    this.idleTimeoutMs = rt.config.smtp.timeoutMs * 4 + 30_000;
    this.linkSecrets = new LinkSecrets(rt.gateway, rt.config.systemPrivateKey);
  }

  /**
   * One attempt at sending the e-mail `emailId`. `lastAttempt`: a temporary failure makes the row dead instead of
   * leaving it pending. `known`: the row as its writer knows it (saves reading it first). Throws when the gateway or
   * the database fails (the row is then unchanged, or pending: try again later).
   */
  async attempt(emailId: string, options: { lastAttempt: boolean; known?: KnownEmail }): Promise<DeliveryOutcome> {
    const { rt } = this;
    // A reminder's check needs the stored row (`staleReminderReason` reads its dedupe key): read it unless known.
    const stored = options.known ?? (await rt.emails.findById(emailId));
    if (stored?.state !== 'pending') return { kind: 'skipped' };
    if (stored.template === 'event-reminder') {
      const reason = await staleReminderReason(rt, stored, rt.clock.now());
      if (reason) return this.suppress(emailId, reason);
    }
    // The secret of its links, if any (a gateway failure throws: retried). Held in memory for this send only.
    let secret: string | null = null;
    const link = await this.linkSecrets.of(stored);
    if ('withheld' in link) return this.suppress(emailId, link.withheld);
    if ('secret' in link) secret = link.secret;

    // The content: the caller's (it has just written the row), or read with the lock.
    const known = options.known?.content ?? null;
    const outcome = await rt.emails.withLockedRow<DeliveryOutcome>(emailId, this.idleTimeoutMs, !known, async (row) => {
      if (row.state !== 'pending') return { write: null, result: { kind: 'skipped' } };
      const attempts = row.attempts + 1;
      try {
        await rt.sender.send(withSecret(outgoing(rt, (known ?? row.content)!), secret));
      } catch (error) {
        const permanent = isPermanentSmtpError(error);
        const dead = permanent || options.lastAttempt;
        const lastError = describeSmtpError(error);
        const write = { state: dead ? 'dead' : 'pending', attempts, lastError } as const;
        if (!dead) return { write, result: { kind: 'retry', error } };
        const reason = permanent ? `permanent SMTP failure: ${lastError}` : `gave up after ${attempts} attempts: ${lastError}`;
        return { write, result: { kind: 'dead', reason } };
      }
      return { write: { state: 'sent', attempts }, result: { kind: 'sent' } };
    });
    return outcome ?? { kind: 'skipped' };
  }

  private async suppress(emailId: string, reason: string): Promise<DeliveryOutcome> {
    await this.rt.dataSource.query(`UPDATE workers.emails SET state = 'suppressed', last_error = $2 WHERE id = $1 AND state = 'pending'`, [
      emailId,
      reason,
    ]);
    return { kind: 'suppressed', reason };
  }
}

function outgoing(rt: WorkersRuntime, row: EmailContent) {
  const { 'Message-ID': messageId, ...headers } = row.headers ?? {};
  return {
    from: rt.config.mail.from,
    to: row.toAddress!,
    subject: row.subject!,
    html: row.html!,
    text: row.text!,
    messageId,
    headers,
    attachments: row.attachments ?? [],
  };
}
