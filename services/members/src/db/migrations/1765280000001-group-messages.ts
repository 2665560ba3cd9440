import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group messages (`sendGroupMessage`): what a group's admins (or staff) wrote to its members, kept for the group's
 * page, for moderation (reports, HIDE) and for the per-group rate limit (counted here). A member may stop receiving
 * one group's messages by e-mail without leaving it: `group_memberships.receives_messages`.
 */
export class GroupMessages1765280000001 implements MigrationInterface {
  name = 'GroupMessages1765280000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE members.group_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES members.groups(id) ON DELETE CASCADE,
        -- null once the author erased their account
        author_id uuid REFERENCES members.members(id) ON DELETE SET NULL,
        subject text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 150),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
        moderation_state text NOT NULL DEFAULT 'VISIBLE' CHECK (moderation_state IN ('VISIBLE','HIDDEN')),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX group_messages_group_idx ON members.group_messages (group_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX group_messages_author_idx ON members.group_messages (author_id)`);
    await q.query(`ALTER TABLE members.group_memberships ADD COLUMN receives_messages boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.group_memberships DROP COLUMN receives_messages`);
    await q.query(`DROP TABLE members.group_messages`);
  }
}
