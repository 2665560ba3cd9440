import { UnrecoverableError } from 'bullmq';
import { EmailEntity } from '../mail/email.entity';
import { LinkSecrets, withSecret } from '../mail/secret-link';
import { describeSmtpError, isPermanentSmtpError } from '../mail/smtp-sender';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';
import { staleReminderReason } from './reminders-scan.job';

type Outcome = { kind: 'skipped' } | { kind: 'sent' } | { kind: 'retry'; error: unknown } | { kind: 'dead'; reason: string };

/**
 * Sends one stored e-mail. The row, locked for the time of the send, decides: only a pending row is sent,
 * and it is marked sent in the same transaction, so a job run twice sends at most once.
 * Temporary SMTP failures throw (BullMQ retries with exponential backoff); permanent ones, and the last
 * attempt, mark the row dead and stop the retries.
 *
 * An e-mail with a secret link (verification, reset, invitation, digest unsubscribe) is stored with the link masked:
 * just before SMTP, its secret is asked for (members, through the gateway) or signed (the digest's), and filled into
 * the outgoing message only. A link no longer valid (used, expired, replaced) closes the e-mail as suppressed, unsent.
 */
export function emailDeliverJob(rt: WorkersRuntime): JobHandler<'email.deliver'> {
  // The transaction stays open while SMTP answers: connection, greeting, then each command.
  const idleTimeoutMs = rt.config.smtp.timeoutMs * 4 + 30_000;
  const linkSecrets = new LinkSecrets(rt.gateway, rt.config.systemPrivateKey);
  const suppress = async (emailId: string, reason: string) => {
    await rt.dataSource.query(`UPDATE workers.emails SET state = 'suppressed', last_error = $2 WHERE id = $1 AND state = 'pending'`, [
      emailId,
      reason,
    ]);
  };
  return async ({ emailId }, ctx) => {
    if (!isUuid(emailId)) throw new UnrecoverableError(`email.deliver: "${emailId}" is not an e-mail id`);
    // A reminder is re-checked before sending: event cancelled or moved, registration cancelled, reminders off.
    const stored = await rt.emails.findById(emailId);
    if (stored?.state === 'pending' && stored.template === 'event-reminder') {
      const reason = await staleReminderReason(rt, stored, rt.clock.now());
      if (reason) {
        await suppress(emailId, reason);
        ctx.log.info({ emailId, reason }, 'reminder suppressed');
        return;
      }
    }
    // The secret of its links, if any (a gateway failure throws: retried). Held in memory for this send only.
    let secret: string | null = null;
    if (stored?.state === 'pending') {
      const link = await linkSecrets.of(stored);
      if ('withheld' in link) {
        await suppress(emailId, link.withheld);
        ctx.log.info({ emailId, reason: link.withheld }, 'e-mail suppressed');
        return;
      }
      if ('secret' in link) secret = link.secret;
    }
    const outcome = await rt.emails.withLockedRow<Outcome>(emailId, idleTimeoutMs, async (row, manager) => {
      if (row.state !== 'pending') return { kind: 'skipped' };
      const attempts = row.attempts + 1;
      try {
        await rt.sender.send(withSecret(outgoing(rt, row), secret));
      } catch (error) {
        const permanent = isPermanentSmtpError(error);
        const dead = permanent || ctx.attempt >= ctx.maxAttempts;
        const lastError = describeSmtpError(error);
        await manager.update(EmailEntity, { id: row.id }, { attempts, lastError, state: dead ? 'dead' : 'pending' });
        if (!dead) return { kind: 'retry', error };
        return { kind: 'dead', reason: permanent ? `permanent SMTP failure: ${lastError}` : `gave up after ${attempts} attempts: ${lastError}` };
      }
      await manager.update(EmailEntity, { id: row.id }, { attempts, lastError: null, state: 'sent', sentAt: rt.clock.now() });
      return { kind: 'sent' };
    });

    if (!outcome || outcome.kind === 'skipped') {
      ctx.log.debug({ emailId }, 'nothing to send (already handled, or being sent by another run)');
      return;
    }
    if (outcome.kind === 'sent') {
      ctx.log.info({ emailId, attempt: ctx.attempt }, 'e-mail sent');
      return;
    }
    if (outcome.kind === 'dead') {
      ctx.log.warn({ emailId, reason: outcome.reason }, 'e-mail dead');
      throw new UnrecoverableError(outcome.reason);
    }
    throw outcome.error instanceof Error ? outcome.error : new Error(describeSmtpError(outcome.error));
  };
}

function outgoing(rt: WorkersRuntime, row: EmailEntity) {
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
