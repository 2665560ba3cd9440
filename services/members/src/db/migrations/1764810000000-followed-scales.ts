import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `followedScales`: the scales of the guide a member follows in the digest (empty: every scale). */
export class FollowedScales1764810000000 implements MigrationInterface {
  name = 'FollowedScales1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.members ADD COLUMN followed_scales text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.members DROP COLUMN followed_scales`);
  }
}
