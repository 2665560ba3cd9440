import type { Clock } from '@metropotes/config';
import { withOutbox, type ServiceOutbox } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';
import type { ArticleReviewNotices } from './article-review';

/** The PostgreSQL schema of the guide service, which holds its `job_outbox`. */
export const GUIDE_OUTBOX_SCHEMA = 'guide';

/** The guide service's outbox, built once in its composition root (`guideSpec`): its relay is shared by requests and background. */
export type GuideOutbox = ServiceOutbox<EntityManager>;

/** The guide's `ArticleReviewNotices`: its transactions are the outbox's (`withOutbox`: relayed after a commit that wrote to it). */
export function articleReviewNotices(outbox: GuideOutbox, clock: Clock): ArticleReviewNotices {
  return {
    inTransaction: (work) => withOutbox(outbox, (manager) => work(manager)),
    async notify(manager, articleId, decision, reviewerId) {
      await outbox
        .writerIn(manager)
        .add('proposal.reviewed', { contentType: 'GUIDE_ARTICLE', contentId: articleId, decision, decidedAt: clock.now().toISOString(), reviewerId });
    },
  };
}
