import type { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mails to prospects (outreach invitations): a recipient that is not (yet) a member. */
export class ProspectEmails1764250000000 implements MigrationInterface {
  name = 'ProspectEmails1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workers.emails ADD COLUMN prospect_id uuid`);
    await q.query(`ALTER TABLE workers.emails ALTER COLUMN member_id DROP NOT NULL`);
    await q.query(`ALTER TABLE workers.emails ADD CONSTRAINT emails_recipient CHECK (member_id IS NOT NULL OR prospect_id IS NOT NULL)`);
    await q.query(`CREATE INDEX emails_prospect_idx ON workers.emails (prospect_id) WHERE prospect_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workers.emails_prospect_idx`);
    await q.query(`ALTER TABLE workers.emails DROP CONSTRAINT emails_recipient`);
    await q.query(`DELETE FROM workers.emails WHERE member_id IS NULL`);
    await q.query(`ALTER TABLE workers.emails ALTER COLUMN member_id SET NOT NULL`);
    await q.query(`ALTER TABLE workers.emails DROP COLUMN prospect_id`);
  }
}
