import { isMailTemplateName, renderEmail, TemplateParamError } from '@metropotes/mail';
import { UnrecoverableError } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ensureDeliveryQueued } from '../mail/delivery-queue';
import type { NewEmail } from '../mail/email.repository';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';
import { senderDomain } from '../mail/member-emails';

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
      const id = randomUUID();
      const base = { id, dedupeKey, template, memberId };
      const empty = { toAddress: null, subject: null, html: null, text: null, headers: {} };
      const contact = await rt.members.contact(memberId);
      let email: NewEmail;
      if (!contact?.email) {
        email = { ...base, ...empty, state: 'suppressed', lastError: 'member not found or erased' };
      } else if (!isMailTemplateName(template)) {
        email = { ...base, ...empty, state: 'dead', lastError: `unknown template "${template}"` };
      } else {
        try {
          const rendered = renderEmail(template, { displayName: contact.displayName, publicUrl: rt.config.publicUrl, params: params ?? {} });
          email = {
            ...base,
            state: 'pending',
            toAddress: contact.email,
            ...rendered,
            headers: {
              'Message-ID': `<${id}@${senderDomain(rt.config.mail.from)}>`,
              'Auto-Submitted': 'auto-generated',
              'X-Metropotes-Email-Id': id,
              'X-Metropotes-Template': template,
            },
            lastError: null,
          };
        } catch (error) {
          if (!(error instanceof TemplateParamError)) throw error;
          email = { ...base, ...empty, state: 'dead', lastError: error.message };
        }
      }
      row = await rt.emails.insertOnce(email);
      ctx.log.info({ emailId: row.id, template, state: row.state }, 'e-mail recorded');
    }
    if (row.state === 'pending') await ensureDeliveryQueued(rt.jobs, rt.delivery, row.id);
  };
}
