import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outreach: local actors spotted by the staff (prospects), their notes and their single-use invitations. */
export class Prospects1764250000000 implements MigrationInterface {
  name = 'Prospects1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE members.prospects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PERSON','COLLECTIVE','ASSOCIATION')),
        commune_code text REFERENCES members.communes(code),
        themes text[] NOT NULL DEFAULT '{}',
        contact_email text,
        contact_phone text,
        contact_website text,
        source_kind text NOT NULL CHECK (source_kind IN ('WATCH_ITEM','EVENT','FREE_TEXT')),
        watch_item_id uuid,
        event_id uuid,
        source_note text,
        status text NOT NULL DEFAULT 'SPOTTED'
          CHECK (status IN ('SPOTTED','CONTACTED','INTERESTED','JOINED','DECLINED','NOT_NOW')),
        owner_id uuid REFERENCES members.members(id) ON DELETE SET NULL,
        next_step_at timestamptz,
        joined_member_id uuid REFERENCES members.members(id) ON DELETE SET NULL,
        group_id uuid REFERENCES members.groups(id) ON DELETE SET NULL,
        created_by uuid REFERENCES members.members(id) ON DELETE SET NULL,
        contacted_at timestamptz,
        joined_at timestamptz,
        declined_at timestamptz,
        contact_erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX prospects_list_idx ON members.prospects (last_activity_at DESC, id DESC)`);
    await q.query(`CREATE INDEX prospects_status_idx ON members.prospects (status)`);
    await q.query(`CREATE INDEX prospects_commune_idx ON members.prospects (commune_code)`);
    await q.query(`CREATE INDEX prospects_watch_item_idx ON members.prospects (watch_item_id) WHERE watch_item_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX prospects_minimise_idx ON members.prospects (last_activity_at)
       WHERE contact_erased_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE members.prospect_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prospect_id uuid NOT NULL REFERENCES members.prospects(id) ON DELETE CASCADE,
        author_id uuid REFERENCES members.members(id) ON DELETE SET NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX prospect_notes_prospect_idx ON members.prospect_notes (prospect_id, created_at)`);
    await q.query(`
      CREATE TABLE members.prospect_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prospect_id uuid NOT NULL REFERENCES members.prospects(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        message text,
        invited_by uuid REFERENCES members.members(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX prospect_invitations_prospect_idx ON members.prospect_invitations (prospect_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE members.prospect_invitations`);
    await q.query(`DROP TABLE members.prospect_notes`);
    await q.query(`DROP TABLE members.prospects`);
  }
}
