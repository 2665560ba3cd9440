import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { ArticleRepository } from './modules/articles/article.repository';
import { ArticleService } from './modules/articles/article.service';

export interface GuideContext extends BaseContext {
  articles: ArticleService;
}

export function buildGuideContext(base: BaseContext, deps: ServiceDeps): GuideContext {
  return { ...base, articles: new ArticleService(new ArticleRepository(deps.dataSource), base.viewer) };
}
