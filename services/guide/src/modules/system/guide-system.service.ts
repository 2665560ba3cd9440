import type { Viewer } from '@metropotes/auth';
import { isUuid, requireSystem } from '@metropotes/graphql-kit';
import type { DataSource } from 'typeorm';
import type { ArticleStatus } from '../articles';

/** A fiche as its authors are told of staff's review (`proposal.reviewed`). */
export interface SystemReviewedGuideArticle {
  id: string;
  slug: string;
  title: string;
  status: ArticleStatus;
  authorIds: string[];
  reviewNote: string | null;
}

/** What waits for staff in the guide, for their daily digest. */
export interface SystemGuideWaiting {
  fichesToReview: number;
  watchItemsToCurate: number;
}

/**
 * Queries for the platform's workers only (system token): the content queries answer the system what they answer the
 * public, so what the workers tell authors and staff about fiches in review is read here.
 */
export class GuideSystemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
  ) {}

  async reviewedArticle(id: string): Promise<SystemReviewedGuideArticle | null> {
    requireSystem(this.viewer);
    if (!isUuid(id)) return null;
    const rows: { id: string; slug: string; title: string; status: ArticleStatus; author_ids: string[]; review_note: string | null }[] =
      await this.dataSource.query(`SELECT id, slug, title, status, author_ids, review_note FROM guide.articles WHERE id = $1`, [id]);
    const row = rows[0];
    return row ? { id: row.id, slug: row.slug, title: row.title, status: row.status, authorIds: row.author_ids, reviewNote: row.review_note } : null;
  }

  /** Fiches in review and members' edits of published fiches to review (as the console counts them), new veille items. */
  async waiting(): Promise<SystemGuideWaiting> {
    requireSystem(this.viewer);
    const [row]: { fiches: number; watch: number }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM guide.articles WHERE status = 'IN_REVIEW')::int
              + (SELECT count(*) FROM guide.proposed_revisions WHERE status = 'PENDING')::int AS fiches,
              (SELECT count(*) FROM guide.watch_items WHERE status = 'NEW')::int AS watch`,
    );
    return { fichesToReview: row.fiches, watchItemsToCurate: row.watch };
  }
}
