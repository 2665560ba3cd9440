import 'reflect-metadata';
import { mergeResolvers, sharedScalarResolvers, type SubgraphSpec } from '@metropotes/graphql-kit';
import { buildGuideContext, type GuideContext } from './context';
import { migrations } from './db/migrations';
import { ArticleEntity } from './modules/articles/article.entity';
import { articleResolvers } from './modules/articles/article.resolvers';
import { typeDefs } from './schema';

export const entities = [ArticleEntity];
export { migrations };

export function guideSpec(): SubgraphSpec<GuideContext> {
  return {
    name: 'guide',
    entities,
    migrations,
    typeDefs,
    resolvers: mergeResolvers(sharedScalarResolvers, articleResolvers),
    buildContext: buildGuideContext,
  };
}
