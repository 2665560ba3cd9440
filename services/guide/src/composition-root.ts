import type { ServiceDeps } from '@metropotes/graphql-kit';
import { ActorRepository } from './modules/actors/actor.repository';
import type { GuideOutbox } from './modules/articles/article-outbox';
import { ArticleRepository } from './modules/articles/article.repository';
import { DataExportRepository } from './modules/data-export/data-export.repository';
import { GuideModerationRepository } from './modules/moderation/moderation.repository';
import { ProposedRevisionRepository } from './modules/proposed-revisions/proposed-revision.repository';
import { WatchRepository } from './modules/watch/watch.repository';

/**
 * The guide process's composition root: its long-lived objects, built once at boot (`compose` in server.ts) and
 * shared by every request — the repositories and the outbox relay. Each request derives its small scope from it
 * (context.ts: the services bound to the viewer, with their DataLoaders).
 */
export class GuideRoot {
  readonly repositories;

  constructor(
    readonly deps: ServiceDeps,
    /** The service's one outbox (serviceOutboxOnce in server.ts: its relay is shared with the background). */
    readonly outbox: GuideOutbox,
  ) {
    const { dataSource, clock } = deps;
    this.repositories = {
      articles: new ArticleRepository(dataSource, clock),
      actors: new ActorRepository(dataSource),
      proposals: new ProposedRevisionRepository(dataSource, clock),
      watch: new WatchRepository(dataSource, clock),
      moderation: new GuideModerationRepository(dataSource, clock),
      dataExport: new DataExportRepository(dataSource),
    } as const;
  }
}

export const composeGuide = (deps: ServiceDeps, outbox: GuideOutbox): GuideRoot => new GuideRoot(deps, outbox);
