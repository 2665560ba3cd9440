import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mails with attachments (issue #20: the event's .ics on reminders, change notices and cancellations). The ledger
 * keeps what is attached (file name, content type, text content): an .ics holds no secret and no personal data, and a
 * delivery retried sends exactly what was written. Wiped with the rest of the content when the member is erased.
 */
export class EmailAttachments1765240000003 implements MigrationInterface {
  name = 'EmailAttachments1765240000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workers.emails ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workers.emails DROP COLUMN attachments`);
  }
}
