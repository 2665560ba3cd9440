import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1764000000000 implements MigrationInterface {
  name = 'Accounts1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`
      CREATE TABLE members.members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text,
        email_verified_at timestamptz,
        password_hash text,
        display_name text NOT NULL,
        bio text,
        avatar_url text,
        commune_code text,
        neighbourhood text,
        interests text[] NOT NULL DEFAULT '{}',
        skills text[] NOT NULL DEFAULT '{}',
        profile_visibility text NOT NULL DEFAULT 'MEMBERS' CHECK (profile_visibility IN ('PUBLIC','MEMBERS','STAFF')),
        role text NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('MEMBER','STAFF','ADMIN')),
        welcome_status text NOT NULL DEFAULT 'NEW' CHECK (welcome_status IN ('NEW','WELCOMED')),
        charter_accepted_at timestamptz NOT NULL,
        suspended_until timestamptz,
        banned_at timestamptz,
        deleted_at timestamptz,
        joined_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT members_email_lower CHECK (email = lower(email))
      )`);
    await q.query(`CREATE UNIQUE INDEX members_email_key ON members.members (email) WHERE email IS NOT NULL`);
    await q.query(`CREATE INDEX members_commune_idx ON members.members (commune_code)`);
    await q.query(`CREATE INDEX members_joined_idx ON members.members (joined_at, id)`);
    await q.query(`
      CREATE TABLE members.refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members.members(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON members.refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_member_idx ON members.refresh_tokens (member_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE members.refresh_tokens`);
    await q.query(`DROP TABLE members.members`);
  }
}
