import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role of the staff member who took a decision, when they took it (null: recorded automatically, or taken before
 * this column existed). Members applies a WARN, SUSPEND or BAN of a STAFF or ADMIN member only when an ADMIN decided it.
 */
export class DecisionModeratorRole1765000000000 implements MigrationInterface {
  name = 'DecisionModeratorRole1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation.decisions ADD COLUMN moderator_role text CHECK (moderator_role IN ('MEMBER','STAFF','ADMIN'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation.decisions DROP COLUMN moderator_role`);
  }
}
