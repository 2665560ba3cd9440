import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { Counter, type Registry } from 'prom-client';
import type { PublicCacheGeneration } from './public-cache';

/** An answer kept in the process: its body as sent, its headers, and how old it was when kept. */
interface StoredAnswer {
  body: Buffer;
  contentType: string;
  cacheControl: string;
  /** The answer's Age (seconds) when it was kept: non-zero when it came from the Redis cache. */
  ageAtStore: number;
  /** When it was kept (the cache's elapsed-time clock, milliseconds). */
  storedAt: number;
}

/** On a request: its raw JSON body (kept by `express.json`'s `verify` hook), then its key until its answer is sent. */
const RAW_BODY = Symbol('publicAnswerCache.rawBody');
const PENDING_KEY = Symbol('publicAnswerCache.key');
type CacheableRequest = IncomingMessage & { [RAW_BODY]?: Buffer; [PENDING_KEY]?: string };

/** What the GraphQL handler reports of each answer it sent (`apolloMiddleware`'s `answered`). */
export interface SentAnswer {
  status: number;
  headers: Iterable<[string, string]>;
  body: string;
}

export interface PublicAnswerCacheOptions {
  generation: Pick<PublicCacheGeneration, 'current'>;
  metrics?: Registry;
  /** Memory the kept answers may take, in bytes (32 MiB by default). */
  maxBytes?: number;
  /** Requests (their JSON body) longer than this are not looked up nor kept (16 KiB by default). */
  maxRequestBytes?: number;
  /** Answers longer than this are not kept (1 MiB by default). */
  maxAnswerBytes?: number;
  /** Elapsed time in milliseconds, for the answers' lifetimes (`performance.now()` by default; tests move it). */
  now?: () => number;
}

const MAX_AGE = /(?:^|,)\s*max-age=(\d+)/i;
const PUBLIC = /(?:^|,)\s*public\s*(?:,|$)/i;

/**
 * The public cache's first level, in each gateway process: an anonymous read whose answer the public cache keeps
 * (`publicCachePlugin`, in Redis) is also kept here, as the bytes sent, and the same request is then answered by
 * Express before Apollo Server's pipeline: no parsing, validation, plugin, Redis read nor serialisation, which is
 * most of what a hit used to cost.
 *
 * - **Same rules as the Redis cache:** only requests without `Authorization` (anonymous), only answers the public
 *   cache policy allows (`Cache-Control: public, max-age=N`, which Apollo sends only for an answer without errors
 *   whose every field is hinted PUBLIC), for no longer than that max-age (minus the answer's Age).
 * - **Emptied by the same generation:** the key holds the public cache's generation of the moment the request
 *   arrived, so a change (a bump, known in every process within a second by Redis pub/sub) puts every answer of the
 *   previous generation out of reach at once; an answer read while a change was made is kept under the old one.
 * - **Keyed by the request as sent:** its JSON body (query, operation name, variables, extensions) and its `Accept`
 *   header (which decides the answer's content type). Anything else the gateway reads of a request only concerns
 *   signed-in viewers, the rate limits and CSRF (the JSON content type a request needs to get here).
 * - A hit skips the GraphQL plugins, rate limits included: it costs less than the limits protect against, and its
 *   document was accepted by the same checks when it was first answered. It is counted in
 *   `metropotes_gateway_public_answers_total` (hit, miss, stored), with the HTTP metrics and the request log as usual.
 */
export class PublicAnswerCache {
  private readonly answers: LRUCache<string, StoredAnswer>;
  private readonly outcomes: Counter<'outcome'> | null;
  private readonly now: () => number;
  private readonly maxRequestBytes: number;
  private readonly maxAnswerBytes: number;

  constructor(private readonly options: PublicAnswerCacheOptions) {
    this.now = options.now ?? (() => performance.now());
    this.maxRequestBytes = options.maxRequestBytes ?? 16 * 1024;
    this.maxAnswerBytes = options.maxAnswerBytes ?? 1024 * 1024;
    this.answers = new LRUCache<string, StoredAnswer>({
      maxSize: options.maxBytes ?? 32 * 1024 * 1024,
      sizeCalculation: (answer, key) => answer.body.length + key.length * 2 + 200,
      ttlAutopurge: false,
      perf: { now: this.now },
    });
    this.outcomes = options.metrics
      ? new Counter({
          name: 'metropotes_gateway_public_answers_total',
          help: "Anonymous reads looked up in the gateway process's cache of public answers: hit, miss, stored",
          labelNames: ['outcome'] as const,
          registers: [options.metrics],
        })
      : null;
  }

  /** `express.json({ verify })`: keeps the raw body of a request the cache may answer. */
  readonly keepRawBody = (req: IncomingMessage, _res: ServerResponse, body: Buffer): void => {
    if (body.length <= this.maxRequestBytes && req.method === 'POST' && !req.headers.authorization) (req as CacheableRequest)[RAW_BODY] = body;
  };

  /** Mounted after `express.json`: answers a request whose answer is kept, or notes its key for `answered`. */
  readonly serve: RequestHandler = (req: Request, res: Response, next: NextFunction): void => {
    const body = (req as CacheableRequest)[RAW_BODY];
    const generation = this.options.generation.current();
    if (!body || req.headers.authorization || generation === 'unknown') return next();
    const key = `${generation}\n${req.headers.accept ?? ''}\n${req.url}\n${body.toString('utf8')}`;
    const answer = this.answers.get(key);
    if (!answer) {
      (req as CacheableRequest)[PENDING_KEY] = key;
      this.outcomes?.inc({ outcome: 'miss' });
      return next();
    }
    this.outcomes?.inc({ outcome: 'hit' });
    res.statusCode = 200;
    res.setHeader('content-type', answer.contentType);
    res.setHeader('cache-control', answer.cacheControl);
    res.setHeader('age', String(answer.ageAtStore + Math.floor((this.now() - answer.storedAt) / 1000)));
    res.setHeader('content-length', answer.body.length);
    res.end(answer.body);
  };

  /** Called with every answer the GraphQL handler sends: keeps it if its request may be kept and its policy allows. */
  readonly answered = (req: IncomingMessage, answer: SentAnswer): void => {
    const key = (req as CacheableRequest)[PENDING_KEY];
    if (key === undefined) return;
    if (answer.status !== 200 || answer.body.length > this.maxAnswerBytes) return;
    let cacheControl = '';
    let contentType = '';
    let age = 0;
    for (const [name, value] of answer.headers) {
      if (name === 'cache-control') cacheControl = value;
      else if (name === 'content-type') contentType = value;
      else if (name === 'age') age = Number(value) || 0;
    }
    const maxAge = Number(MAX_AGE.exec(cacheControl)?.[1] ?? 0);
    const ttlSeconds = maxAge - age;
    if (!PUBLIC.test(cacheControl) || ttlSeconds <= 0 || !contentType) return;
    const storedAt = this.now();
    this.answers.set(
      key,
      { body: Buffer.from(answer.body, 'utf8'), contentType, cacheControl, ageAtStore: age, storedAt },
      { ttl: ttlSeconds * 1000, start: storedAt },
    );
    this.outcomes?.inc({ outcome: 'stored' });
  };
}
