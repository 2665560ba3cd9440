import type { Clock } from '@metropotes/config';
import { rowsOf } from '@metropotes/database';
import type { DataSource, EntityManager } from 'typeorm';
import type { ArticleContent } from '../articles';
import { PROPOSED_COLUMNS, type ProposedRevisionEntity, type ProposedRevisionStatus } from './proposed-revision.entity';

type Queryable = Pick<EntityManager, 'query'>;

const contentParams = (c: ArticleContent) => [
  c.title,
  c.summary,
  c.body,
  c.bodyText,
  c.scales,
  c.themes,
  JSON.stringify(c.steps),
  c.actorIds,
  c.communeCodes,
];

/**
 * SQL of the edits proposed to published fiches. Their times (created_at, updated_at, reviewed_at) come from the
 * service's clock. Writes take the caller's transaction (which holds the fiche's row lock).
 */
export class ProposedRevisionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  findByIds(ids: readonly string[]): Promise<ProposedRevisionEntity[]> {
    return this.dataSource.query(`SELECT ${PROPOSED_COLUMNS} FROM guide.proposed_revisions p WHERE p.id = ANY($1::uuid[])`, [[...ids]]);
  }

  pendingOf(articleIds: readonly string[]): Promise<ProposedRevisionEntity[]> {
    return this.dataSource.query(
      `SELECT ${PROPOSED_COLUMNS} FROM guide.proposed_revisions p WHERE p.article_id = ANY($1::uuid[]) AND p.status = 'PENDING'`,
      [[...articleIds]],
    );
  }

  /** Every proposal on many fiches in one query, newest first. */
  allOf(articleIds: readonly string[]): Promise<ProposedRevisionEntity[]> {
    return this.dataSource.query(
      `SELECT ${PROPOSED_COLUMNS} FROM guide.proposed_revisions p WHERE p.article_id = ANY($1::uuid[]) ORDER BY p.created_at DESC, p.id DESC`,
      [[...articleIds]],
    );
  }

  /** Pending proposals, oldest first, strictly after the cursor; `limit + 1` rows tell whether more follow. */
  toReview(after: { createdAt: Date; id: string } | null, limit: number): Promise<ProposedRevisionEntity[]> {
    return this.dataSource.query(
      `SELECT ${PROPOSED_COLUMNS} FROM guide.proposed_revisions p
       WHERE p.status = 'PENDING' AND ($1::timestamptz IS NULL OR (p.created_at, p.id) > ($1::timestamptz, $2::uuid))
       ORDER BY p.created_at, p.id LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
  }

  async countToReview(): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM guide.proposed_revisions WHERE status = 'PENDING'`);
    return rows[0]!.n;
  }

  // --- Inside a transaction holding the fiche's row lock ------------------------------------------

  async lockPending(manager: Queryable, articleId: string): Promise<ProposedRevisionEntity | null> {
    const rows: ProposedRevisionEntity[] = await manager.query(
      `SELECT ${PROPOSED_COLUMNS} FROM guide.proposed_revisions p WHERE p.article_id = $1 AND p.status = 'PENDING' FOR UPDATE`,
      [articleId],
    );
    return rows[0] ?? null;
  }

  async lock(manager: Queryable, id: string): Promise<ProposedRevisionEntity | null> {
    const rows: ProposedRevisionEntity[] = await manager.query(
      `SELECT ${PROPOSED_COLUMNS} FROM guide.proposed_revisions p WHERE p.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(
    manager: Queryable,
    articleId: string,
    baseVersion: number,
    authorId: string,
    content: ArticleContent,
  ): Promise<ProposedRevisionEntity> {
    const rows: ProposedRevisionEntity[] = await manager.query(
      `INSERT INTO guide.proposed_revisions AS p (article_id, base_version, author_id, title, summary, body, body_text, scales, themes, steps,
         actor_ids, commune_codes, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $13) RETURNING ${PROPOSED_COLUMNS}`,
      [articleId, baseVersion, authorId, ...contentParams(content), this.clock.now()],
    );
    return rows[0]!;
  }

  /** The pending proposal replaced by a later edit of its fiche (by the same author or another). */
  async replace(manager: Queryable, id: string, baseVersion: number, authorId: string, content: ArticleContent): Promise<ProposedRevisionEntity> {
    const rows = rowsOf<ProposedRevisionEntity>(
      await manager.query(
        `UPDATE guide.proposed_revisions p SET base_version = $2, author_id = $3, title = $4, summary = $5, body = $6, body_text = $7,
           scales = $8, themes = $9, steps = $10::jsonb, actor_ids = $11, commune_codes = $12, updated_at = $13
         WHERE p.id = $1 AND p.status = 'PENDING' RETURNING ${PROPOSED_COLUMNS}`,
        [id, baseVersion, authorId, ...contentParams(content), this.clock.now()],
      ),
    );
    return rows[0]!;
  }

  /** A pending proposal whose every change its author took back: nothing is left to review. */
  async withdraw(manager: Queryable, id: string): Promise<void> {
    await manager.query(`DELETE FROM guide.proposed_revisions WHERE id = $1 AND status = 'PENDING'`, [id]);
  }

  async review(
    manager: Queryable,
    id: string,
    status: Exclude<ProposedRevisionStatus, 'PENDING'>,
    reviewerId: string | null,
    reason: string | null,
  ): Promise<ProposedRevisionEntity> {
    const rows = rowsOf<ProposedRevisionEntity>(
      await manager.query(
        `UPDATE guide.proposed_revisions p SET status = $2, reviewed_by = $3, rejection_reason = $4, reviewed_at = $5, updated_at = $5
         WHERE p.id = $1 AND p.status = 'PENDING' RETURNING ${PROPOSED_COLUMNS}`,
        [id, status, reviewerId, reason, this.clock.now()],
      ),
    );
    return rows[0]!;
  }
}
