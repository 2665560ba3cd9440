import type { ServiceDeps } from '@metropotes/graphql-kit';
import type { Express } from 'express';
import { ActorRepository } from '../actors/actor.repository';
import { ArticleRepository } from '../articles/article.repository';
import { renderGuidePdf } from './guide-pdf';

/** GET /guide.pdf (forwarded by the gateway): the published guide, for anyone. */
export function guidePdfRoutes(app: Express, deps: ServiceDeps): void {
  app.get('/guide.pdf', async (_req, res) => {
    try {
      const articles = await new ArticleRepository(deps.dataSource, deps.clock).published();
      const actorIds = [...new Set(articles.flatMap((a) => a.actorIds))];
      const actors = actorIds.length ? await new ActorRepository(deps.dataSource).findByIds(actorIds) : [];
      const actorName = new Map(actors.map((a) => [a.id, a.name]));
      const pdf = await renderGuidePdf(
        articles.map((a) => ({
          title: a.title,
          summary: a.summary,
          body: a.body,
          scales: a.scales,
          steps: a.steps,
          actorNames: a.actorIds.map((id) => actorName.get(id)).filter((n): n is string => !!n),
          communeCodes: a.communeCodes,
          updatedAt: a.updatedAt,
        })),
        { now: deps.clock.now() },
      );
      res
        .status(200)
        .setHeader('content-type', 'application/pdf')
        .setHeader('content-disposition', 'inline; filename="guide-metropotes.pdf"')
        .setHeader('cache-control', 'public, max-age=300')
        .send(pdf);
    } catch (error) {
      deps.logger.error({ err: error }, 'guide.pdf failed');
      res.status(500).type('text/plain; charset=utf-8').send("Le guide n'a pas pu être mis en page. Réessayez dans un instant.");
    }
  });
}
