import type { ServiceDeps } from '@metropotes/graphql-kit';
import type { OutboxRelay } from '@metropotes/jobs';
import { ActorRepository } from './modules/actors/actor.repository';
import { guideOutboxRelay } from './modules/articles/article-outbox';
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
  readonly outbox: OutboxRelay;
  readonly repositories;

  constructor(readonly deps: ServiceDeps) {
    const { dataSource, clock } = deps;
    this.outbox = guideOutboxRelay(deps);
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

export const composeGuide = (deps: ServiceDeps): GuideRoot => new GuideRoot(deps);
