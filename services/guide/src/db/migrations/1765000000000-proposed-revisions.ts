import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Edits members (not staff) make to published fiches, reviewed by staff before visitors read them: the whole content
 * as it would be, the version it was made on, who proposed it, and the review. At most one PENDING per fiche.
 */
export class ProposedRevisions1765000000000 implements MigrationInterface {
  name = 'ProposedRevisions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guide.proposed_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES guide.articles (id) ON DELETE CASCADE,
        -- The version of the fiche the edit was made on: approving needs the fiche still at it.
        base_version integer NOT NULL,
        -- Null once the member erased their account.
        author_id uuid,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        title text NOT NULL,
        summary text NOT NULL,
        body text NOT NULL,
        body_text text NOT NULL,
        scales text[] NOT NULL,
        themes text[] NOT NULL,
        steps jsonb NOT NULL,
        actor_ids uuid[] NOT NULL,
        commune_codes text[] NOT NULL,
        rejection_reason text,
        reviewed_by uuid,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((status = 'REJECTED') = (rejection_reason IS NOT NULL)),
        CHECK ((status = 'PENDING') = (reviewed_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX proposed_revisions_one_pending ON guide.proposed_revisions (article_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX proposed_revisions_article_idx ON guide.proposed_revisions (article_id, created_at DESC)`);
    await q.query(`CREATE INDEX proposed_revisions_to_review_idx ON guide.proposed_revisions (created_at, id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX proposed_revisions_author_idx ON guide.proposed_revisions (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guide.proposed_revisions`);
  }
}
