import type { MemberEmailsReply } from '@metropotes/jobs';
import { UnrecoverableError } from 'bullmq';
import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `member.data-export { memberId, replyTo }` (members' `myData.workers`, the member themself): answers with the e-mails
 * the ledger keeps for the member, as template, subject and dates, never the bodies (they carry links). A failure to
 * read answers `ok: false` at once rather than at the asker's timeout.
 */
export function memberDataExportJob(rt: WorkersRuntime): JobHandler<'member.data-export'> {
  return async ({ memberId, replyTo }, ctx) => {
    if (!replyTo || !UUID.test(memberId)) throw new UnrecoverableError('member.data-export: bad payload');
    let reply: MemberEmailsReply;
    try {
      const rows = await rt.emails.ofMemberForExport(memberId);
      reply = {
        ok: true,
        emails: rows.map((row) => ({
          template: row.template,
          subject: row.subject,
          state: row.state,
          createdAt: new Date(row.createdAt).toISOString(),
          sentAt: row.sentAt ? new Date(row.sentAt).toISOString() : null,
        })),
      };
    } catch (error) {
      ctx.log.warn({ err: (error as Error).message }, 'e-mails of a data export could not be read');
      reply = { ok: false, emails: [] };
    }
    await rt.jobs.reply('member.data-export', replyTo, reply);
  };
}
