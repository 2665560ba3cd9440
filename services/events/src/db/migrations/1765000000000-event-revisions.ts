import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Changes members propose to their published events (text, links, place, time), reviewed by staff before visitors
 * see them: one row per proposal, at most one PENDING per event. The reviewed fields as they would be, which of them
 * changed, who proposed it, and the review (status, reason of a refusal, who and when).
 */
export class EventRevisions1765000000000 implements MigrationInterface {
  name = 'EventRevisions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events.event_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events.events (id) ON DELETE CASCADE,
        -- Null once the member erased their account.
        author_id uuid,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        changed_fields text[] NOT NULL CHECK (cardinality(changed_fields) > 0
          AND changed_fields <@ ARRAY['TITLE', 'DESCRIPTION', 'STARTS_AT', 'ENDS_AT', 'VENUE', 'ONLINE_URL']),
        title text NOT NULL,
        description text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        venue_name text,
        venue_address text,
        commune_code text,
        latitude double precision,
        longitude double precision,
        online_url text,
        rejection_reason text,
        reviewed_by uuid,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((status = 'REJECTED') = (rejection_reason IS NOT NULL)),
        CHECK ((status = 'PENDING') = (reviewed_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX event_revisions_one_pending ON events.event_revisions (event_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX event_revisions_event_idx ON events.event_revisions (event_id, created_at DESC)`);
    await q.query(`CREATE INDEX event_revisions_to_review_idx ON events.event_revisions (created_at, id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX event_revisions_author_idx ON events.event_revisions (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events.event_revisions`);
  }
}
