import type { EntityManager } from 'typeorm';
import type { ArticleEntity } from './article.entity';
import type { ArticleContent } from './article.repository';

/** What an edit starts from: the fiche, or the revision pending on it. */
export type ArticleContentBase = Pick<ArticleEntity, 'title' | 'summary' | 'body' | 'steps' | 'actorIds' | 'communeCodes' | 'scales' | 'themes'>;

/**
 * Where a member's edit of a published fiche waits for staff (modules/proposed-revisions). Called in the edit's
 * transaction, which holds the fiche's row lock; `build` makes the proposed content from the pending revision, if
 * there is one (a later edit builds on it), or from the fiche.
 */
export interface ArticleEditReview {
  propose(manager: Pick<EntityManager, 'query'>, article: ArticleEntity, build: (base: ArticleContentBase) => Promise<ArticleContent>): Promise<void>;
}

/**
 * Staff's decisions on a fiche in review, with the job that tells its authors ('proposal.reviewed'): the change and
 * the job in one transaction (the outbox), relayed to the workers after the commit.
 */
export interface ArticleReviewNotices {
  /** Runs `work` in one transaction, then relays the jobs it wrote (never throws for the relay). */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** Writes the job into the outbox, in the caller's transaction. */
  notify(manager: EntityManager, articleId: string, decision: 'PUBLISHED' | 'REJECTED', reviewerId: string | null): Promise<void>;
}
