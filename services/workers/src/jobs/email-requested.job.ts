import { isMailTemplateName, renderEmail } from '@metropotes/mail';
import { UnrecoverableError } from 'bullmq';
import { ensureDeliveryQueued, queueNewDeliveries } from '../mail/delivery-queue';
import { closedEmailRow, emailRowBase, renderedEmailRow } from '../mail/email-row';
import type { EmailState } from '../mail/email.entity';
import type { NewEmail } from '../mail/email.repository';
import { needsLinkId } from '../mail/secret-link';
import { buddyAssignedParams, welcomeParams } from '../mail/welcome-params';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';

/**
 * A service asked for an e-mail: read the member through the gateway, write the e-mail once (one row per
 * dedupe key, ever), then queue its delivery. Safe to run again at any step.
 *
 * The job carries no secret: an e-mail with a single-use link (verify-email, password-reset) names its account token
 * by id (`params.tokenId`), stored with the row (`link_id`); the row is written with the link masked and the token is
 * asked for at delivery (`email.deliver`).
 */
export function emailRequestedJob(rt: WorkersRuntime): JobHandler<'email.requested'> {
  return async ({ template, memberId, dedupeKey, params }, ctx) => {
    if (!isUuid(memberId) || typeof dedupeKey !== 'string' || !dedupeKey) {
      throw new UnrecoverableError('email.requested needs a member uuid and a dedupe key');
    }
    let row: { id: string; state: EmailState } | null = await rt.emails.findByDedupeKey(dedupeKey);
    if (!row) {
      const linkId = isUuid(params?.tokenId) ? params.tokenId : null;
      const base = emailRowBase({ dedupeKey, template, memberId });
      // Batched with the reads of concurrent jobs (one gateway request for many e-mails). The welcome's own values are
      // read at the same time (not after the address): one wait, not two.
      const [contact, welcome] = await Promise.all([
        rt.gateway.memberForMail(memberId),
        template === 'welcome' ? welcomeParams(rt, memberId) : Promise.resolve(null),
      ]);
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
      ctx.log.info({ emailId: recorded.id, template, state: recorded.state }, 'e-mail recorded');
      if (recorded.inserted) {
        // A row just written has no delivery job yet: added without asking Redis for one first.
        if (recorded.state === 'pending') await queueNewDeliveries(rt.jobs, rt.delivery, [recorded.id]);
        return;
      }
      row = recorded;
    }
    if (row.state === 'pending') await ensureDeliveryQueued(rt.jobs, rt.delivery, row.id);
  };
}
