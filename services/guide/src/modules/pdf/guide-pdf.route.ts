import type { ServiceDeps } from '@metropotes/graphql-kit';
import type { Express } from 'express';
import { ActorRepository } from '../actors';
import { ArticleRepository } from '../articles';
import { renderGuidePdf } from './guide-pdf';

interface Edition {
  etag: string;
  pdf: Buffer;
}

/**
 * GET /guide.pdf (forwarded by the gateway): the published guide, for anyone. The PDF is rendered once per change of
 * what it shows (a fiche published, edited, hidden or archived, an actor renamed), not on every GET: each request
 * costs one fingerprint query, answers 304 to a client holding the current ETag, and otherwise the edition kept by
 * this process. Concurrent requests for a new edition share one rendering. The edition is dated by its last change,
 * so that one content gives one PDF.
 */
export function guidePdfRoutes(app: Express, deps: ServiceDeps): void {
  const articles = new ArticleRepository(deps.dataSource, deps.clock);
  const actors = new ActorRepository(deps.dataSource);
  // Process state owned by this route: the last edition rendered, and the one being rendered.
  let current: Edition | null = null;
  let rendering: { etag: string; edition: Promise<Edition> } | null = null;

  const render = async (etag: string, lastChange: Date | null): Promise<Edition> => {
    const published = await articles.published();
    const actorIds = [...new Set(published.flatMap((a) => a.actorIds))];
    const cited = actorIds.length ? await actors.findByIds(actorIds) : [];
    const actorName = new Map(cited.map((a) => [a.id, a.name]));
    const pdf = await renderGuidePdf(
      published.map((a) => ({
        title: a.title,
        summary: a.summary,
        body: a.body,
        scales: a.scales,
        steps: a.steps,
        actorNames: a.actorIds.map((id) => actorName.get(id)).filter((n): n is string => !!n),
        communeCodes: a.communeCodes,
        updatedAt: a.updatedAt,
      })),
      { now: lastChange ?? deps.clock.now() },
    );
    return { etag, pdf };
  };

  const editionFor = (etag: string, lastChange: Date | null): Promise<Edition> => {
    if (current?.etag === etag) return Promise.resolve(current);
    if (rendering?.etag === etag) return rendering.edition;
    const edition = render(etag, lastChange).then(
      (done) => {
        current = done;
        if (rendering?.etag === etag) rendering = null;
        return done;
      },
      (error: unknown) => {
        if (rendering?.etag === etag) rendering = null;
        throw error;
      },
    );
    rendering = { etag, edition };
    return edition;
  };

  app.get('/guide.pdf', async (req, res) => {
    try {
      const { fingerprint, lastChange } = await articles.publishedFingerprint();
      const etag = `"guide-${fingerprint}"`;
      res.setHeader('etag', etag).setHeader('cache-control', 'public, max-age=300');
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      const edition = await editionFor(etag, lastChange);
      res
        .status(200)
        .setHeader('content-type', 'application/pdf')
        .setHeader('content-disposition', 'inline; filename="guide-metropotes.pdf"')
        .send(edition.pdf);
    } catch (error) {
      deps.logger.error({ err: error }, 'guide.pdf failed');
      res.removeHeader('etag');
      res.status(500).type('text/plain; charset=utf-8').send("Le guide n'a pas pu être mis en page. Réessayez dans un instant.");
    }
  });
}
