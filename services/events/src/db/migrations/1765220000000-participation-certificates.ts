import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Participation certificates (issue #19): what a member was given to download, frozen as issued (the events attended
 * PRESENT and the skills gained, `content`), with the verification code staff check. `fingerprint` (a hash of
 * `content`) lets a new download reuse the member's latest certificate when nothing changed. Deleted with the member.
 */
export class ParticipationCertificates1765220000000 implements MigrationInterface {
  name = 'ParticipationCertificates1765220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events.participation_certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL,
        -- 12 characters of an unambiguous alphabet, stored without dashes.
        code text NOT NULL,
        issued_at timestamptz NOT NULL,
        content jsonb NOT NULL,
        fingerprint text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX participation_certificates_code_key ON events.participation_certificates (code)`);
    await q.query(`CREATE INDEX participation_certificates_member_idx ON events.participation_certificates (member_id, issued_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events.participation_certificates`);
  }
}
