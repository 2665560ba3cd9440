import { isMailTemplateName, renderEmail } from '@metropotes/mail';
import { UnrecoverableError } from 'bullmq';
import { ensureDeliveryQueued, queueDeliveryRetry } from '../mail/delivery-queue';
import { closedEmailRow, emailRowBase, renderedEmailRow } from '../mail/email-row';
import { EmailDelivery, type DeliveryOutcome, type KnownEmail } from '../mail/email-delivery';
import type { NewEmail } from '../mail/email.repository';
import { needsLinkId } from '../mail/secret-link';
import { describeSmtpError } from '../mail/smtp-sender';
import { buddyAssignedParams, welcomeMail } from '../mail/welcome-params';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobContext, type JobHandler } from './job-handler';

/**
 * A service asked for an e-mail: read the member through the gateway, write the e-mail once (one row per
 * dedupe key, ever), then send it in the same job (`EmailDelivery`: the locked row decides, so it goes out at most
 * once): one job per e-mail. Its retries, when that first send fails for a temporary reason, are an `email.deliver`
 * job's. Safe to run again at any step: a row already written is not written again, and if still pending it gets a
 * delivery job (the job that wrote it stopped before sending).
 *
 * The job carries no secret: an e-mail with a single-use link (verify-email, password-reset) names its account token
 * by id (`params.tokenId`), stored with the row (`link_id`); the row is written with the link masked and the token is
 * asked for just before SMTP, into the outgoing message only.
 */
export function emailRequestedJob(rt: WorkersRuntime, delivery = new EmailDelivery(rt)): JobHandler<'email.requested'> {
  return async ({ template, memberId, dedupeKey, params }, ctx) => {
    if (!isUuid(memberId) || typeof dedupeKey !== 'string' || !dedupeKey) {
      throw new UnrecoverableError('email.requested needs a member uuid and a dedupe key');
    }
    // No read of the ledger first: the row's unique dedupe key decides (`insertOnce`). A request asked again (a job run
    // twice) reads the member again, and writes nothing.
    const linkId = isUuid(params?.tokenId) ? params.tokenId : null;
    const base = emailRowBase({ dedupeKey, template, memberId });
    // Batched with the reads of concurrent jobs (one gateway request for many e-mails). A welcome's address is read
    // with its own values (commune, buddy), in the same request.
    const { contact, params: welcome } =
      template === 'welcome' ? await welcomeMail(rt, memberId) : { contact: await rt.gateway.memberForMail(memberId), params: null };
    let email: NewEmail;
    if (!contact?.email) {
      email = closedEmailRow(base, 'suppressed', 'member not found or erased');
    } else if (!isMailTemplateName(template)) {
      email = closedEmailRow(base, 'dead', `unknown template "${template}"`);
    } else if (needsLinkId(template) && !linkId) {
      email = closedEmailRow(base, 'dead', `Template "${template}" needs the parameter "tokenId" (the id of its link's token).`);
    } else if (template === 'welcome' || template === 'buddy-assigned') {
      // Their values are read now (commune, buddy, next pot du pote): the job carries ids only.
      const extra =
        template === 'welcome'
          ? welcome
            ? { params: welcome }
            : { skip: 'member not found or erased' }
          : await buddyAssignedParams(rt, memberId, params?.buddyId);
      email =
        'skip' in extra
          ? closedEmailRow(base, 'suppressed', extra.skip)
          : renderedEmailRow(base, contact.email, rt.config.mail.from, () =>
              renderEmail(template, { displayName: contact.displayName, publicUrl: rt.config.publicUrl, params: extra.params }),
            );
    } else {
      // The template's values: not the link's id, nor a token a job written before secrets were derived still holds.
      const values = Object.fromEntries(
        Object.entries((params ?? {}) as Record<string, unknown>).filter(
          (entry): entry is [string, string] => entry[0] !== 'tokenId' && entry[0] !== 'token' && typeof entry[1] === 'string',
        ),
      );
      email = {
        ...renderedEmailRow(base, contact.email, rt.config.mail.from, () =>
          renderEmail(template, { displayName: contact.displayName, publicUrl: rt.config.publicUrl, params: values }),
        ),
        linkId,
      };
    }
    const recorded = await rt.emails.insertOnce(email);
    if (!recorded.inserted) {
      // Written before (this job's earlier run, or another request): if still pending, stopped before it was sent.
      ctx.log.debug({ emailId: recorded.id, template, state: recorded.state }, 'e-mail already recorded');
      if (recorded.state === 'pending') await ensureDeliveryQueued(rt.jobs, rt.delivery, recorded.id);
      return;
    }
    ctx.log.info({ emailId: recorded.id, template, state: recorded.state }, 'e-mail recorded');
    // Sent by this job (the row just written is known: not read again); retried, if need be, by a delivery job.
    if (recorded.state !== 'pending') return;
    const { toAddress, subject, html, text, headers, attachments = [] } = email;
    const written: KnownEmail = {
      id: recorded.id,
      dedupeKey,
      template,
      memberId,
      linkId: email.linkId ?? null,
      state: 'pending',
      content: { toAddress, subject, html, text, headers, attachments },
    };
    await sendNow(rt, delivery, written, ctx);
  };
}

/**
 * The first attempt at sending the e-mail the job has just written. Sent, suppressed or already handled: done. A
 * temporary failure (SMTP, or the gateway asked for a link's secret) hands the e-mail to its delivery job, which
 * retries it (`queueDeliveryRetry`); a permanent one makes the row dead and fails the job for good, as a delivery job
 * would.
 */
async function sendNow(rt: WorkersRuntime, delivery: EmailDelivery, email: KnownEmail, ctx: JobContext): Promise<void> {
  const emailId = email.id;
  let outcome: DeliveryOutcome;
  try {
    outcome = await delivery.attempt(emailId, { lastAttempt: rt.delivery.maxAttempts <= 1, known: email });
  } catch (error) {
    outcome = { kind: 'retry', error };
  }
  switch (outcome.kind) {
    case 'skipped':
      ctx.log.debug({ emailId }, 'nothing to send (already handled, or being sent by another run)');
      return;
    case 'suppressed':
      ctx.log.info({ emailId, reason: outcome.reason }, 'e-mail suppressed');
      return;
    case 'sent':
      ctx.log.info({ emailId, attempt: 1 }, 'e-mail sent');
      return;
    case 'dead':
      ctx.log.warn({ emailId, reason: outcome.reason }, 'e-mail dead');
      throw new UnrecoverableError(outcome.reason);
    case 'retry':
      await queueDeliveryRetry(rt.jobs, rt.delivery, emailId);
      ctx.log.warn({ emailId, err: describeSmtpError(outcome.error) }, 'e-mail not sent yet: its delivery job retries it');
      return;
  }
}
