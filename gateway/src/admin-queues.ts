import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { isStaff, type TokenVerifier } from '@metropotes/auth';
import { QUEUE_NAMES } from '@metropotes/jobs';
import { Queue, type ConnectionOptions } from 'bullmq';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { SESSION_REVOKED_MESSAGE, SessionRevokedError } from './session-revocation';

export const ADMIN_QUEUES_PATH = '/admin/queues';

/**
 * Bull Board, for the animation team only: the request must carry a staff access token
 * (`Authorization: Bearer ...`). Anyone else gets 401/403 and sees nothing of the queues.
 */
export function mountAdminQueues(app: Express, redis: Redis, prefix: string, verifier: TokenVerifier): () => Promise<void> {
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: redis as ConnectionOptions, prefix }));
  for (const queue of queues) queue.on('error', () => undefined);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Métropotes : files de tâches' } },
  });

  const staffOnly = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const viewer = await verifier.viewerFromHeader(req.header('authorization'));
      if (viewer.kind === 'anonymous') {
        res.status(401).type('text/plain; charset=utf-8').send("Connectez-vous avec un compte de l'équipe d'animation.");
        return;
      }
      if (!isStaff(viewer)) {
        res.status(403).type('text/plain; charset=utf-8').send("Cette page est réservée à l'équipe d'animation.");
        return;
      }
      next();
    } catch (error) {
      const message = error instanceof SessionRevokedError ? SESSION_REVOKED_MESSAGE : "Votre jeton d'accès n'est pas valide.";
      res.status(401).type('text/plain; charset=utf-8').send(message);
    }
  };
  app.use(ADMIN_QUEUES_PATH, staffOnly, serverAdapter.getRouter() as never);
  return async () => {
    await Promise.all(queues.map((q) => q.close()));
  };
}
