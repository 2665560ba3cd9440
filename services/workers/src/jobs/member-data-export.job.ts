import type { MemberEmailsReply } from '@metropotes/jobs';
import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';

/**
 * `member.data-export { memberId, replyTo }` (members' `myData.workers`, the member themself): answers with the e-mails
 * the ledger keeps for the member, as template, subject and dates, never the bodies (they carry links). A failure to
 * read answers `ok: false` at once rather than at the asker's timeout. The payload is checked before (`JOB_PAYLOAD_SCHEMAS`).
 */
export function memberDataExportJob(rt: WorkersRuntime): JobHandler<'member.data-export'> {
  return async ({ memberId, replyTo }, ctx) => {
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
