import type { BaseContext } from '@metropotes/graphql-kit';
import type { GuideRoot } from './composition-root';
import { ActorService } from './modules/actors/actor.service';
import { articleReviewNotices } from './modules/articles/article-outbox';
import { ArticleService } from './modules/articles/article.service';
import type { DataExportRepository } from './modules/data-export/data-export.repository';
import { GuideModerationService, type GuideModerationContext } from './modules/moderation/moderation.service';
import { ArticleEditProposals } from './modules/proposed-revisions/article-edit-proposals';
import { ProposedRevisionService } from './modules/proposed-revisions/proposed-revision.service';
import { WatchService } from './modules/watch/watch.service';
import { GuideSystemService } from './modules/system/guide-system.service';

export interface GuideContext extends BaseContext {
  articles: ArticleService;
  actors: ActorService;
  watch: WatchService;
  proposedRevisions: ProposedRevisionService;
  guideSystem: GuideSystemService;
}

export type GuideRequestContext = GuideContext & GuideModerationContext & { dataExport: DataExportRepository };

/**
 * One request's scope, derived from the process's composition root (composition-root.ts): the services bound to the
 * viewer, with their DataLoaders. Nothing long-lived is built here.
 */
export function buildGuideContext(base: BaseContext, root: GuideRoot): GuideRequestContext {
  const { deps, outbox, repositories: repos } = root;
  const articles = new ArticleService(
    repos.articles,
    repos.actors,
    base.viewer,
    new ArticleEditProposals(repos.proposals, base.viewer),
    articleReviewNotices(outbox, deps.clock),
  );
  return {
    ...base,
    articles,
    proposedRevisions: new ProposedRevisionService(repos.proposals, articles, deps.dataSource, base.viewer),
    actors: new ActorService(repos.actors, base.viewer),
    watch: new WatchService(repos.watch, base.viewer),
    guideSystem: new GuideSystemService(deps.dataSource, base.viewer),
    guideModeration: new GuideModerationService(repos.moderation, base.viewer),
    dataExport: repos.dataExport,
  };
}
