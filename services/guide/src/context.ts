import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { ActorRepository } from './modules/actors/actor.repository';
import { ActorService } from './modules/actors/actor.service';
import { articleReviewNotices, type GuideOutbox } from './modules/articles/article-outbox';
import { ArticleRepository } from './modules/articles/article.repository';
import { ArticleService } from './modules/articles/article.service';
import { ArticleEditProposals } from './modules/proposed-revisions/article-edit-proposals';
import { ProposedRevisionRepository } from './modules/proposed-revisions/proposed-revision.repository';
import { ProposedRevisionService } from './modules/proposed-revisions/proposed-revision.service';
import { WatchRepository } from './modules/watch/watch.repository';
import { WatchService } from './modules/watch/watch.service';
import { GuideSystemService } from './modules/system/guide-system.service';

export interface GuideContext extends BaseContext {
  articles: ArticleService;
  actors: ActorService;
  watch: WatchService;
  proposedRevisions: ProposedRevisionService;
  guideSystem: GuideSystemService;
}

export function buildGuideContext(base: BaseContext, deps: ServiceDeps, outbox: GuideOutbox): GuideContext {
  const actorRepository = new ActorRepository(deps.dataSource);
  const proposalRepository = new ProposedRevisionRepository(deps.dataSource, deps.clock);
  const articles = new ArticleService(
    new ArticleRepository(deps.dataSource, deps.clock),
    actorRepository,
    base.viewer,
    new ArticleEditProposals(proposalRepository, base.viewer),
    articleReviewNotices(outbox, deps.clock),
  );
  return {
    ...base,
    articles,
    proposedRevisions: new ProposedRevisionService(proposalRepository, articles, deps.dataSource, base.viewer),
    actors: new ActorService(actorRepository, base.viewer),
    watch: new WatchService(new WatchRepository(deps.dataSource, deps.clock), base.viewer),
    guideSystem: new GuideSystemService(deps.dataSource, base.viewer),
  };
}
