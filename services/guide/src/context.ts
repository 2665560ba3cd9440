import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { ActorRepository } from './modules/actors/actor.repository';
import { ActorService } from './modules/actors/actor.service';
import { ArticleRepository } from './modules/articles/article.repository';
import { ArticleService } from './modules/articles/article.service';
import { WatchRepository } from './modules/watch/watch.repository';
import { WatchService } from './modules/watch/watch.service';

export interface GuideContext extends BaseContext {
  articles: ArticleService;
  actors: ActorService;
  watch: WatchService;
}

export function buildGuideContext(base: BaseContext, deps: ServiceDeps): GuideContext {
  const actorRepository = new ActorRepository(deps.dataSource);
  return {
    ...base,
    articles: new ArticleService(new ArticleRepository(deps.dataSource, deps.clock), actorRepository, base.viewer),
    actors: new ActorService(actorRepository, base.viewer),
    watch: new WatchService(new WatchRepository(deps.dataSource, deps.clock), base.viewer),
  };
}
