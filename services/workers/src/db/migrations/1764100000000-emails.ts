import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Emails1764100000000 implements MigrationInterface {
  name = 'Emails1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workers.emails (
        id uuid PRIMARY KEY,
        dedupe_key text NOT NULL,
        template text NOT NULL,
        member_id uuid NOT NULL,
        to_address text,
        subject text,
        html text,
        text text,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','suppressed','dead')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT emails_dedupe_key_key UNIQUE (dedupe_key),
        CONSTRAINT emails_pending_complete CHECK (
          state <> 'pending' OR (to_address IS NOT NULL AND subject IS NOT NULL AND html IS NOT NULL AND text IS NOT NULL)
        ),
        CONSTRAINT emails_sent_at CHECK ((state = 'sent') = (sent_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX emails_pending_idx ON workers.emails (created_at, id) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX emails_member_idx ON workers.emails (member_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workers.emails`);
  }
}
