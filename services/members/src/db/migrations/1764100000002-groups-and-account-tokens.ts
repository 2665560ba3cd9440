import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Groups (collectives, associations) with their members; single-use account tokens (verification, reset). */
export class GroupsAndAccountTokens1764100000002 implements MigrationInterface {
  name = 'GroupsAndAccountTokens1764100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE members.groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        search_name text NOT NULL,
        description text,
        commune_code text REFERENCES members.communes(code),
        website text,
        created_by uuid REFERENCES members.members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX groups_list_idx ON members.groups (search_name, id)`);
    await q.query(`CREATE INDEX groups_search_name_idx ON members.groups USING gin ((' ' || search_name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX groups_commune_idx ON members.groups (commune_code)`);
    await q.query(`
      CREATE TABLE members.group_memberships (
        group_id uuid NOT NULL REFERENCES members.groups(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members.members(id) ON DELETE CASCADE,
        role text NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('ADMIN','MEMBER')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, member_id)
      )`);
    await q.query(`CREATE INDEX group_memberships_member_idx ON members.group_memberships (member_id)`);
    await q.query(`
      CREATE TABLE members.account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members.members(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('VERIFY_EMAIL','PASSWORD_RESET')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX account_tokens_member_idx ON members.account_tokens (member_id, purpose)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE members.account_tokens`);
    await q.query(`DROP TABLE members.group_memberships`);
    await q.query(`DROP TABLE members.groups`);
  }
}
