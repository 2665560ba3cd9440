import { renderEmail } from '@metropotes/mail';
import { UnrecoverableError } from 'bullmq';
import { ensureDeliveryQueued, queueNewDeliveries } from '../mail/delivery-queue';
import { closedEmailRow, emailRowBase, renderedEmailRow } from '../mail/email-row';
import type { EmailState } from '../mail/email.entity';
import { ProspectDirectory } from '../prospects/prospect-directory';
import type { WorkersRuntime } from '../runtime';
import { isUuid, payloadInstant, type JobHandler } from './job-handler';

const TEMPLATE = 'prospect-invitation';

/**
 * Staff invited a prospect: read address, name and message through the gateway (system only), write the e-mail
 * once per dedupe key in workers.emails (prospect_id set, member_id null; `link_id` the invitation, its links
 * masked: their token is asked for at delivery), then queue its delivery like any other e-mail (same locking, retries
 * and reconciliation). Safe to run again at any step.
 */
export function prospectInvitationJob(rt: WorkersRuntime): JobHandler<'prospect.invitation-requested'> {
  const directory = new ProspectDirectory(rt.gateway);
  return async ({ prospectId, invitationId, dedupeKey, params }, ctx) => {
    if (!isUuid(prospectId) || !isUuid(invitationId) || typeof dedupeKey !== 'string' || !dedupeKey) {
      throw new UnrecoverableError('prospect.invitation-requested needs prospect and invitation uuids and a dedupe key');
    }
    let row: { id: string; state: EmailState } | null = await rt.emails.findByDedupeKey(dedupeKey);
    if (!row) {
      const base = emailRowBase({ dedupeKey, template: TEMPLATE, memberId: null, prospectId });
      const info = await directory.forMail(prospectId, invitationId);
      const email = !info
        ? closedEmailRow(base, 'suppressed', 'prospect declined, joined, erased or invitation no longer valid')
        : {
            ...renderedEmailRow(base, info.address, rt.config.mail.from, () =>
              renderEmail(TEMPLATE, {
                displayName: info.name,
                publicUrl: rt.config.publicUrl,
                params: {
                  ...(params?.validForDays ? { validForDays: params.validForDays } : {}),
                  ...(info.message ? { message: info.message } : {}),
                },
              }),
            ),
            linkId: invitationId,
          };
      const recorded = await rt.emails.insertOnce(email);
      ctx.log.info({ emailId: recorded.id, template: TEMPLATE, state: recorded.state }, 'e-mail recorded');
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

/** Every day at 03:17 UTC: members erases the contact data of prospects inactive for PROSPECT_RETENTION_MONTHS. */
export const PROSPECTS_MINIMISE_SCHEDULER_ID = 'prospects-minimise-daily';
export const PROSPECTS_MINIMISE_PATTERN = '17 3 * * *';

export function prospectsMinimiseJob(rt: WorkersRuntime): JobHandler<'prospects.minimise'> {
  const directory = new ProspectDirectory(rt.gateway);
  return async ({ requestedAt }, ctx) => {
    // A job may carry the instant to use (tests, catching up); the scheduler's jobs use the workers' clock.
    const erased = await directory.minimise(payloadInstant(requestedAt, rt.clock.now()));
    ctx.log.info({ erased }, 'contact data of inactive prospects erased');
  };
}

/** Installs (or updates) the BullMQ job scheduler of the minimisation; idempotent. */
export async function scheduleProspectMinimisation(rt: Pick<WorkersRuntime, 'jobs'>, pattern = PROSPECTS_MINIMISE_PATTERN): Promise<void> {
  await rt.jobs.queue('system').upsertJobScheduler(
    PROSPECTS_MINIMISE_SCHEDULER_ID,
    { pattern, tz: 'UTC' },
    {
      name: 'prospects.minimise',
      data: {},
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    },
  );
}

/** A prospect declined or was minimised: its unsent e-mails never will be, and no address or content of it is kept. */
export function prospectForgottenJob(rt: WorkersRuntime): JobHandler<'prospect.forgotten'> {
  return async ({ prospectId }, ctx) => {
    if (!isUuid(prospectId)) return;
    const affected = await rt.emails.forgetProspect(prospectId);
    ctx.log.info({ affected }, 'e-mails of a forgotten prospect erased');
  };
}
