import type { DataSource } from 'typeorm';

/** SQL of the guide service's part of a member's data export (everything guide holds about the member). */
export class DataExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ofMember(memberId: string): Promise<Record<string, unknown>> {
    const q = <T = Record<string, unknown>>(sql: string): Promise<T[]> => this.dataSource.query(sql, [memberId]);
    const [fiches, revisions, proposedRevisions, watchItems] = await Promise.all([
      q(`SELECT id, title, summary, status, review_note AS "reviewNote", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM guide.articles WHERE author_ids @> ARRAY[$1::uuid] ORDER BY created_at, id`),
      q(`SELECT r.article_id AS "articleId", a.title AS "ficheTitle", r.version AS "replacedVersion", r.edited_at AS "editedAt"
         FROM guide.article_revisions r JOIN guide.articles a ON a.id = r.article_id WHERE r.edited_by = $1 ORDER BY r.edited_at, r.id`),
      q(`SELECT id, article_id AS "articleId", status, title, rejection_reason AS "rejectionReason", created_at AS "createdAt", reviewed_at AS "reviewedAt"
         FROM guide.proposed_revisions WHERE author_id = $1 ORDER BY created_at, id`),
      q(`SELECT id, url, title, summary, status, commune_codes AS "communeCodes", themes, created_at AS "submittedAt"
         FROM guide.watch_items WHERE submitted_by = $1 ORDER BY created_at, id`),
    ]);
    return { service: 'guide', fiches, revisions, proposedRevisions, watchItems };
  }
}
