import type { ServiceDeps } from '@metropotes/graphql-kit';
import type { Clock } from '@metropotes/config';
import { addToOutbox, serviceOutboxRelay, type OutboxRelay } from '@metropotes/jobs';
import type { DataSource, EntityManager } from 'typeorm';
import type { ArticleReviewNotices } from './article-review';

/** The PostgreSQL schema of the guide service, which holds its `job_outbox`. */
export const GUIDE_OUTBOX_SCHEMA = 'guide';

/** The one relay of a running guide service (shared by its requests and its periodic relay). */
export const guideOutboxRelay = (deps: ServiceDeps): OutboxRelay => serviceOutboxRelay(GUIDE_OUTBOX_SCHEMA, deps);

/** The guide's `ArticleReviewNotices` for one request: its outbox, relayed after a commit that wrote to it. */
export function articleReviewNotices(dataSource: DataSource, relay: OutboxRelay, clock: Clock): ArticleReviewNotices {
  let written = false;
  return {
    async inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
      const result = await dataSource.transaction(work);
      if (written) {
        written = false;
        await relay.flushBatch();
      }
      return result;
    },
    async notify(manager, articleId, decision, reviewerId) {
      const decidedAt = clock.now();
      await addToOutbox(
        manager,
        GUIDE_OUTBOX_SCHEMA,
        'proposal.reviewed',
        { contentType: 'GUIDE_ARTICLE', contentId: articleId, decision, decidedAt: decidedAt.toISOString(), reviewerId },
        `proposal-reviewed-${articleId}-${decision}-${decidedAt.getTime()}`,
      );
      written = true;
    },
  };
}
