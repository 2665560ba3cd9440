import { isMailTemplateName, renderEmail } from '@metropotes/mail';
import { UnrecoverableError } from 'bullmq';
import { ensureDeliveryQueued } from '../mail/delivery-queue';
import { closedEmailRow, emailRowBase, renderedEmailRow } from '../mail/email-row';
import type { NewEmail } from '../mail/email.repository';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';

/**
 * A service asked for an e-mail: read the member through the gateway, write the e-mail once (one row per
 * dedupe key, ever), then queue its delivery. Safe to run again at any step.
 */
export function emailRequestedJob(rt: WorkersRuntime): JobHandler<'email.requested'> {
  return async ({ template, memberId, dedupeKey, params }, ctx) => {
    if (!isUuid(memberId) || typeof dedupeKey !== 'string' || !dedupeKey) {
      throw new UnrecoverableError('email.requested needs a member uuid and a dedupe key');
    }
    let row = await rt.emails.findByDedupeKey(dedupeKey);
    if (!row) {
      const base = emailRowBase({ dedupeKey, template, memberId });
      const contact = (await rt.gateway.membersForMail([memberId])).get(memberId);
      let email: NewEmail;
      if (!contact?.email) {
        email = closedEmailRow(base, 'suppressed', 'member not found or erased');
      } else if (!isMailTemplateName(template)) {
        email = closedEmailRow(base, 'dead', `unknown template "${template}"`);
      } else {
        email = renderedEmailRow(base, contact.email, rt.config.mail.from, () =>
          renderEmail(template, { displayName: contact.displayName, publicUrl: rt.config.publicUrl, params: params ?? {} }),
        );
      }
      row = await rt.emails.insertOnce(email);
      ctx.log.info({ emailId: row.id, template, state: row.state }, 'e-mail recorded');
    }
    if (row.state === 'pending') await ensureDeliveryQueued(rt.jobs, rt.delivery, row.id);
  };
}
