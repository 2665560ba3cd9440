import type { ServiceDeps } from '@metropotes/graphql-kit';
import { communesOfTerritory, isCommuneCode, isTerritoryCode } from '@metropotes/territories';
import type { Express, Request, Response } from 'express';
import { EVENT_KINDS, type EventKind } from '../events';
import { buildCalendar } from './calendar.builder';
import { CalendarRepository } from './calendar.repository';
import { FEED_SECRET_RE, hashFeedSecret } from './calendar-feed-secrets';

const sendCalendar = (res: Response, body: string, cache: string) => {
  res.setHeader('content-type', 'text/calendar; charset=utf-8');
  res.setHeader('cache-control', cache);
  res.send(body);
};

const refuse = (res: Response, status: number, message: string) => res.status(status).type('text/plain; charset=utf-8').send(message);

const one = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** iCalendar feeds: the public agenda and each member's registrations (behind the gateway secret, like /graphql). */
export function calendarRoutes(publicUrl: string) {
  return (app: Express, deps: ServiceDeps) => {
    const repository = new CalendarRepository(deps.dataSource, deps.clock);

    app.get('/calendar.ics', async (req: Request, res: Response) => {
      try {
        const commune = one(req.query.commune);
        const territory = one(req.query.territory);
        const kind = one(req.query.kind);
        let communes: string[] | null = null;
        if (commune) {
          if (!isCommuneCode(commune)) return refuse(res, 400, "Cette commune n'existe pas : vérifiez son code INSEE.");
          communes = [commune];
        }
        if (territory) {
          if (!isTerritoryCode(territory)) return refuse(res, 400, "Ce territoire n'existe pas : vérifiez son code.");
          const inTerritory = communesOfTerritory(territory);
          communes = communes ? communes.filter((c) => inTerritory.includes(c)) : inTerritory;
        }
        let kinds: EventKind[] | null = null;
        if (kind) {
          const asked = kind.split(',').map((k) => k.trim().toUpperCase());
          if (asked.some((k) => !EVENT_KINDS.includes(k as EventKind))) return refuse(res, 400, "Ce type d'événement n'existe pas.");
          kinds = asked as EventKind[];
        }
        const events = communes && communes.length === 0 ? [] : await repository.publicEvents(communes, kinds);
        sendCalendar(res, buildCalendar('Agenda des Métropotes', events, publicUrl), 'public, max-age=300');
      } catch (error) {
        deps.logger.error({ err: error }, 'public calendar failed');
        refuse(res, 500, 'Une erreur inattendue est survenue. Réessayez dans un instant.');
      }
    });

    app.get('/calendar/:token.ics', async (req: Request, res: Response) => {
      try {
        // Looked up by its hash: events keeps no feed secret in clear.
        const secret = String(req.params.token ?? '');
        const memberId = FEED_SECRET_RE.test(secret) ? await repository.memberOfSecretHash(hashFeedSecret(secret)) : null;
        if (!memberId) return refuse(res, 404, "Ce calendrier n'existe pas ou son lien a été renouvelé.");
        const events = await repository.memberEvents(memberId);
        sendCalendar(res, buildCalendar('Mes événements Métropotes', events, publicUrl), 'private, max-age=300');
      } catch (error) {
        deps.logger.error({ err: error }, 'member calendar failed');
        refuse(res, 500, 'Une erreur inattendue est survenue. Réessayez dans un instant.');
      }
    });
  };
}
