import { UnrecoverableError } from 'bullmq';
import { EmailDelivery } from '../mail/email-delivery';
import { describeSmtpError } from '../mail/smtp-sender';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';

/**
 * Sends one stored e-mail (`EmailDelivery`: the locked row decides, so a job run twice sends at most once). The job
 * of the e-mails written in batches (digests, event and group mails, nudges…), of the retries of an e-mail whose
 * first send failed (`email.requested` sends its own e-mail in its job), and of the reconcile loop.
 * Temporary SMTP failures throw (BullMQ retries with exponential backoff); permanent ones, and the last
 * attempt, mark the row dead and stop the retries.
 */
export function emailDeliverJob(rt: WorkersRuntime, delivery = new EmailDelivery(rt)): JobHandler<'email.deliver'> {
  return async ({ emailId }, ctx) => {
    if (!isUuid(emailId)) throw new UnrecoverableError(`email.deliver: "${emailId}" is not an e-mail id`);
    const outcome = await delivery.attempt(emailId, { lastAttempt: ctx.attempt >= ctx.maxAttempts });
    switch (outcome.kind) {
      case 'skipped':
        ctx.log.debug({ emailId }, 'nothing to send (already handled, or being sent by another run)');
        return;
      case 'suppressed':
        ctx.log.info({ emailId, reason: outcome.reason }, 'e-mail suppressed');
        return;
      case 'sent':
        ctx.log.info({ emailId, attempt: ctx.attempt }, 'e-mail sent');
        return;
      case 'dead':
        ctx.log.warn({ emailId, reason: outcome.reason }, 'e-mail dead');
        throw new UnrecoverableError(outcome.reason);
      case 'retry':
        throw outcome.error instanceof Error ? outcome.error : new Error(describeSmtpError(outcome.error));
    }
  };
}
