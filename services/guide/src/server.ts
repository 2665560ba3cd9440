import 'reflect-metadata';
import { mergeResolvers, sharedScalarResolvers, type SubgraphSpec } from '@metropotes/graphql-kit';
import { serviceOutboxOnce } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';
import { GUIDE_OUTBOX_SCHEMA } from './modules/articles/article-outbox';
import { guideSystemResolvers } from './modules/system/guide-system.resolvers';
import { composeGuide, type GuideRoot } from './composition-root';
import { buildGuideContext, type GuideRequestContext } from './context';
import type { Resolvers } from './generated/resolvers-types';
import { migrations } from './db/migrations';
import { dataExportResolvers } from './modules/data-export/data-export.resolvers';
import { ActorEntity } from './modules/actors/actor.entity';
import { actorResolvers } from './modules/actors/actor.resolvers';
import { ArticleEntity } from './modules/articles/article.entity';
import { articleResolvers } from './modules/articles/article.resolvers';
import { RevisionEntity } from './modules/articles/revision.entity';
import { ProposedRevisionEntity } from './modules/proposed-revisions/proposed-revision.entity';
import { proposedRevisionResolvers } from './modules/proposed-revisions/proposed-revision.resolvers';
import { WatchItemEntity, WatchSourceEntity } from './modules/watch/watch.entity';
import { guideModerationResolvers } from './modules/moderation/moderation.resolvers';
import { watchResolvers } from './modules/watch/watch.resolvers';
import { guidePdfRoutes } from './modules/pdf/guide-pdf.route';
import { typeDefs } from './schema';

export const entities = [ArticleEntity, RevisionEntity, ActorEntity, WatchSourceEntity, WatchItemEntity, ProposedRevisionEntity];
export { migrations };

export function guideSpec(): SubgraphSpec<GuideRequestContext, GuideRoot> {
  // The service's one outbox (its relay shared by the requests and the background), made with the deps at boot.
  const outboxOf = serviceOutboxOnce<EntityManager>(GUIDE_OUTBOX_SCHEMA);
  return {
    name: 'guide',
    entities,
    migrations,
    typeDefs,
    resolvers: mergeResolvers<Resolvers<GuideRequestContext>, GuideRequestContext>(
      sharedScalarResolvers,
      articleResolvers,
      actorResolvers,
      watchResolvers,
      guideModerationResolvers,
      proposedRevisionResolvers,
      guideSystemResolvers,
      dataExportResolvers,
    ),
    // Once, at boot: the long-lived objects (composition-root.ts). Per request: the viewer's scope (context.ts).
    compose: (deps) => composeGuide(deps, outboxOf(deps)),
    buildContext: (base, _deps, root) => buildGuideContext(base, root),
    routes: guidePdfRoutes,
    // Jobs left in the outbox (Redis down at the commit, a crash right after it) go out from here.
    background: (deps) => outboxOf(deps).background(),
  };
}
