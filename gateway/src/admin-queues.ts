import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { BoardHooks, ControllerHandlerReturnType, HookContext } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import { isStaff, UUID_RE, type TokenVerifier } from '@metropotes/auth';
import { QUEUE_NAMES } from '@metropotes/jobs';
import { Queue, type ConnectionOptions } from 'bullmq';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { SESSION_REVOKED_MESSAGE, SessionRevokedError } from './session-revocation';

export const ADMIN_QUEUES_PATH = '/admin/queues';
/**
 * The same board under the staff console's path on the web site (`/equipe/files/tableau`), which forwards it as it
 * is, adding the session's token: the board's page loads its scripts and calls its API relative to its base path,
 * so it must be served under the path the browser sees.
 */
export const CONSOLE_QUEUES_PATH = '/equipe/files/tableau';

export const READ_ONLY_MESSAGE = "Le tableau des files de tâches est en lecture seule : rien n'a changé.";

/**
 * Bull Board, for the animation team only, and read-only: the request must carry a staff access token
 * (`Authorization: Bearer ...`; anyone else gets 401/403 and sees nothing of the queues). Staff look: every request
 * that is not a GET (add, retry, promote, clean, empty, pause, resume, obliterate, edit a job or a scheduler...) is
 * refused with 403 before the board sees it, and the board runs in read-only mode, so its page shows no button that
 * changes something. Nor does it show payloads: job data, return values, failure reasons, stack traces, logs and
 * scheduler templates are reduced to what holds neither personal data nor a secret (`safeJob`, `safePayload`).
 *
 * Only the bearer token is accepted: the web site's console opens the board with its session cookie and adds the
 * session's token server-side (the page never sees it). The board is mounted twice, at ADMIN_QUEUES_PATH and at
 * CONSOLE_QUEUES_PATH (the site's path), with the same checks.
 */
export function mountAdminQueues(app: Express, redis: Redis, prefix: string, verifier: TokenVerifier): () => Promise<void> {
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: redis as ConnectionOptions, prefix }));
  for (const queue of queues) queue.on('error', () => undefined);
  const adapters = queues.map((queue) => {
    const adapter = new BullMQAdapter(queue, { readOnlyMode: true, allowRetries: false });
    adapter.setFormatter('data', safePayload);
    adapter.setFormatter('returnValue', safePayload);
    adapter.setFormatter('progress', safeProgress);
    return adapter;
  });
  const boardAt = (basePath: string) => {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(basePath);
    createBullBoard({
      queues: adapters,
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Métropotes : files de tâches' }, handlerHooks: readOnlyHooks },
    });
    return serverAdapter.getRouter() as never;
  };

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
  const readOnly = (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.status(403).type('text/plain; charset=utf-8').send(READ_ONLY_MESSAGE);
  };
  for (const path of [ADMIN_QUEUES_PATH, CONSOLE_QUEUES_PATH]) app.use(path, staffOnly, readOnly, boardAt(path));
  return async () => {
    await Promise.all(queues.map((q) => q.close()));
  };
}

/**
 * The board's API routes that only read, each with what its answer is reduced to. Any other route (every route that
 * changes something, and a read a later version of the board would add) is refused with 403 by the `before` hook,
 * behind the gateway's own refusal of every non-GET request.
 */
const READ_ROUTES: Record<string, ((body: unknown) => unknown) | null> = {
  '/api/redis/stats': null,
  '/api/queues': (body) =>
    mapField(body, 'queues', (queues) => mapList(queues, (queue) => mapField(queue, 'jobs', (jobs) => mapList(jobs, safeJob)))),
  '/api/job-schedulers': (body) => mapField(body, 'schedulers', (schedulers) => mapList(schedulers, safeScheduler)),
  '/api/queues/:queueName/metrics': null,
  '/api/queues/:queueName/default-job-options': null,
  '/api/queues/:queueName/workers': null,
  '/api/queues/:queueName/rate-limit': null,
  '/api/queues/:queueName/job-data-schema': null,
  // A job's logs are free text written by its handler: none is shown.
  '/api/queues/:queueName/:jobId/logs': () => [],
  '/api/queues/:queueName/:jobId/flow': (body) => mapField(body, 'flowRoot', safeFlowNode),
  '/api/queues/:queueName/:jobId': (body) => mapField(body, 'job', safeJob),
};

const readOnlyHooks: BoardHooks = {
  before: ({ method, route }: HookContext) =>
    method === 'get' && Object.hasOwn(READ_ROUTES, route) ? { allow: true } : { allow: false, status: 403, message: READ_ONLY_MESSAGE },
  after: ({ route }: HookContext, result: ControllerHandlerReturnType) => {
    const reduce = READ_ROUTES[route];
    if (!reduce || (result.status ?? 200) >= 400) return result;
    return { ...result, body: reduce(result.body) as ControllerHandlerReturnType['body'] };
  },
};

const UUID = UUID_RE;
/** A digest period: an ISO week (2026-W48) or a month (2026-11). */
const PERIOD = /^\d{4}-(W\d{2}|\d{2})$/;
/** An instant (a job's `now`, `requestedAt`, `changedAt`): ISO 8601 with an offset. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A payload field name as the job contract writes them (camelCase): a key built from data (an address) is not one. */
const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

/** An id, an id list, a period or an instant: nothing personal, nothing secret. Everything else is data. */
function isSafeValue(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return UUID.test(value) || PERIOD.test(value) || INSTANT.test(value);
  return Array.isArray(value) && value.length <= 100 && value.every((item) => typeof item === 'string' && UUID.test(item));
}

/**
 * A job's data or return value as the board shows it: only the top-level fields whose value is an id (a UUID or a
 * list of them), a period or an instant. A token, an address, a name, a free text, a nested object never shows.
 */
export function safePayload(value: unknown): unknown {
  if (isSafeValue(value)) return value;
  if (typeof value !== 'object' || Array.isArray(value) || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter(([key, field]) => FIELD_NAME.test(key) && isSafeValue(field)));
}

function safeProgress(progress: unknown): number {
  return typeof progress === 'number' && Number.isFinite(progress) ? progress : 0;
}

const FAILED_REASON = 'Échec : le détail ne s’affiche pas ici (journaux des workers).';

/** One job as the board's API gives it (its `formatJob`), reduced to an allow-list of fields. */
function safeJob(job: unknown): unknown {
  if (typeof job !== 'object' || job === null) return job;
  const j = job as Record<string, unknown>;
  const numbers = (...keys: string[]) => Object.fromEntries(keys.filter((key) => typeof j[key] === 'number').map((key) => [key, j[key]]));
  return {
    id: j.id,
    name: typeof j.name === 'string' ? j.name : '',
    ...numbers('timestamp', 'processedOn', 'finishedOn', 'attempts', 'delay', 'priority', 'attemptsStarted', 'stalledCounter'),
    processedBy: typeof j.processedBy === 'string' ? j.processedBy : undefined,
    progress: safeProgress(j.progress),
    data: safePayload(j.data),
    returnValue: j.returnValue === undefined ? undefined : safePayload(j.returnValue),
    failedReason: j.failedReason ? FAILED_REASON : j.failedReason,
    stacktrace: [],
    opts: safeOptions(j.opts),
    isFailed: j.isFailed === true,
  };
}

/** A job's options, without what could carry data (a parent's key, a deduplication id...). */
function safeOptions(opts: unknown): Record<string, unknown> {
  if (typeof opts !== 'object' || opts === null) return {};
  const o = opts as Record<string, unknown>;
  const kept = Object.fromEntries(['attempts', 'delay', 'priority'].filter((key) => typeof o[key] === 'number').map((key) => [key, o[key]]));
  const backoff = o.backoff as { type?: unknown; delay?: unknown } | undefined;
  if (typeof backoff === 'object' && backoff !== null && typeof backoff.type === 'string') {
    kept.backoff = { type: backoff.type, ...(typeof backoff.delay === 'number' ? { delay: backoff.delay } : {}) };
  }
  return kept;
}

/** A job scheduler: its schedule shows, its template's data is reduced like a job's, its template's options go. */
function safeScheduler(scheduler: unknown): unknown {
  if (typeof scheduler !== 'object' || scheduler === null) return scheduler;
  const { template, ...rest } = scheduler as Record<string, unknown>;
  if (typeof template !== 'object' || template === null) return rest;
  return { ...rest, template: { data: safePayload((template as Record<string, unknown>).data) } };
}

/** A node of a job's flow tree, and its children: no progress, no failure reasons of ignored children. */
function safeFlowNode(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const { progress, ignoredChildFailureReasons: _hidden, children, ...rest } = node as Record<string, unknown>;
  return { ...rest, progress: safeProgress(progress), children: mapList(children, safeFlowNode) };
}

function mapField(value: unknown, field: string, map: (inner: unknown) => unknown): unknown {
  if (typeof value !== 'object' || value === null || !(field in value)) return value;
  return { ...value, [field]: map((value as Record<string, unknown>)[field]) };
}

function mapList(value: unknown, map: (item: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(map) : value;
}
