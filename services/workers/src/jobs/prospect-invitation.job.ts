import { renderEmail, TemplateParamError } from '@metropotes/mail';
import { UnrecoverableError } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ensureDeliveryQueued } from '../mail/delivery-queue';
import { ProspectDirectory } from '../prospects/prospect-directory';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';
import { senderDomain } from '../mail/member-emails';

const TEMPLATE = 'prospect-invitation';

/**
 * Staff invited a prospect: read address, name and message through the gateway (system only), write the e-mail
 * once per dedupe key in workers.emails (prospect_id set, member_id null), then queue its delivery like any other
 * e-mail (same locking, retries and reconciliation). Safe to run again at any step.
 */
export function prospectInvitationJob(rt: WorkersRuntime): JobHandler<'prospect.invitation-requested'> {
  const directory = new ProspectDirectory(rt.gateway);
  return async ({ prospectId, invitationId, dedupeKey, params }, ctx) => {
    if (!isUuid(prospectId) || !isUuid(invitationId) || typeof dedupeKey !== 'string' || !dedupeKey) {
      throw new UnrecoverableError('prospect.invitation-requested needs prospect and invitation uuids and a dedupe key');
    }
    let row = await rt.emails.findByDedupeKey(dedupeKey);
    if (!row) {
      const id = randomUUID();
      const info = await directory.forMail(prospectId, invitationId);
      let values: { state: string; toAddress: string | null; subject: string | null; html: string | null; text: string | null; headers: Record<string, string>; lastError: string | null };
      const empty = { toAddress: null, subject: null, html: null, text: null, headers: {} };
      if (!info) {
        values = { ...empty, state: 'suppressed', lastError: 'prospect declined, joined, erased or invitation no longer valid' };
      } else {
        try {
          const rendered = renderEmail(TEMPLATE, {
            displayName: info.name,
            publicUrl: rt.config.publicUrl,
            params: { ...(params ?? {}), ...(info.message ? { message: info.message } : {}) },
          });
          values = {
            state: 'pending',
            toAddress: info.address,
            ...rendered,
            headers: {
              'Message-ID': `<${id}@${senderDomain(rt.config.mail.from)}>`,
              'Auto-Submitted': 'auto-generated',
              'X-Metropotes-Email-Id': id,
              'X-Metropotes-Template': TEMPLATE,
            },
            lastError: null,
          };
        } catch (error) {
          if (!(error instanceof TemplateParamError)) throw error;
          values = { ...empty, state: 'dead', lastError: error.message };
        }
      }
      await rt.dataSource.query(
        `INSERT INTO workers.emails (id, dedupe_key, template, member_id, prospect_id, state, to_address, subject, html, text, headers, last_error)
         VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [id, dedupeKey, TEMPLATE, prospectId, values.state, values.toAddress, values.subject, values.html, values.text, JSON.stringify(values.headers), values.lastError],
      );
      row = await rt.emails.findByDedupeKey(dedupeKey);
      if (!row) throw new Error(`e-mail with dedupe key ${dedupeKey} vanished`);
      ctx.log.info({ emailId: row.id, template: TEMPLATE, state: row.state }, 'e-mail recorded');
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
    // A job may carry the clock to use (tests, catching up); the scheduler's jobs use the present.
    const now = requestedAt && !Number.isNaN(Date.parse(requestedAt)) ? new Date(requestedAt) : undefined;
    const erased = await directory.minimise(now);
    ctx.log.info({ erased }, 'contact data of inactive prospects erased');
  };
}

/** Installs (or updates) the BullMQ job scheduler of the minimisation; idempotent. */
export async function scheduleProspectMinimisation(rt: Pick<WorkersRuntime, 'jobs'>, pattern = PROSPECTS_MINIMISE_PATTERN): Promise<void> {
  await rt.jobs.queue('system').upsertJobScheduler(
    PROSPECTS_MINIMISE_SCHEDULER_ID,
    { pattern, tz: 'UTC' },
    { name: 'prospects.minimise', data: {}, opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
  );
}

/** A prospect declined or was minimised: its unsent e-mails never will be, and no address or content of it is kept. */
export function prospectForgottenJob(rt: WorkersRuntime): JobHandler<'prospect.forgotten'> {
  return async ({ prospectId }, ctx) => {
    if (!isUuid(prospectId)) return;
    const [, affected] = (await rt.dataSource.query(
      `UPDATE workers.emails
       SET state = CASE WHEN state = 'pending' THEN 'suppressed' ELSE state END,
           last_error = CASE WHEN state = 'pending' THEN 'prospect forgotten' ELSE last_error END,
           to_address = NULL, subject = NULL, html = NULL, text = NULL
       WHERE prospect_id = $1`,
      [prospectId],
    )) as [unknown, number];
    ctx.log.info({ affected }, 'e-mails of a forgotten prospect erased');
  };
}
