// The articles module's public face: what the other modules of the service may use;
// a repository's type is lent only to the services the composition root hands that repository to.
export type { ArticleEntity, ArticleStatus, StepData } from './article.entity';
export type { ArticleModel } from './article.mapper';
export type { ArticleContentBase, ArticleEditReview } from './article-review';
export type { ArticleService } from './article.service';
export { ArticleRepository, type ArticleContent } from './article.repository';
