import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Clock, Logger } from '@metropotes/config';
import { parisDay } from '@metropotes/french-time';
import type { NextFunction, Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PageCacheRecorder } from '../app/lib/web-context.server';
import { nextDay, parisMidnight } from '../app/lib/paris-dates';
import { sessionCookieName } from './session-seal';

/**
 * The cache of visitors' pages: the HTML of the public pages rendered for a visitor without a session, kept and sent
 * again to the next visitors without React Router, React or the gateway, until something changes.
 *
 * - **Invalidation:** entries are keyed by the generation of the gateway's public cache, which every change bumps on
 *   every gateway process within a second (a publication, an edit, a cancellation, a moderation decision, a
 *   registration changing the places left: gateway/src/public-cache.ts). The site reads it from the gateway
 *   (`GET /public-cache/generation`, twice a second: GatewayGeneration below), never from Redis, so a change reaches
 *   visitors' pages within a second. While the generation is unknown (the gateway caches nothing, has not answered
 *   for a second, or could not be reached), nothing is served from the cache nor kept in it.
 * - **Who:** GET and HEAD of the public pages (PUBLIC_PAGES) without the session cookie. A request that carries one,
 *   valid or not, neither reads nor writes the cache.
 * - **What:** 200 answers in HTML only, that set no cookie, whose every gateway answer was public (its
 *   Cache-Control, from the subgraphs' `@cacheControl` hints) and nothing failed while they were made; never one that
 *   holds its response's CSP nonce (an inline script: the HTML would then need that nonce's policy). A redirect, an
 *   error page, a form's answer and a member's page are never kept.
 * - **How long:** no longer than the shortest `max-age` of the gateway answers the page was made from (less their
 *   `Age`), a minute for a page made without the gateway (the Markdown pages), and never past the next midnight in
 *   Paris by the site's clock (pages say « aujourd'hui », mark today, omit the current year).
 * - **Memory:** an LRU bounded in bytes (WEB_PAGE_CACHE_MB); each entry holds the HTML and its gzip and Brotli
 *   variants (made once, when it is kept), so a hit compresses nothing.
 *
 * A hit is answered early in the Express stack: after the request log, the metrics and the security headers, before
 * compression, the session and React Router. The answer says `x-cache: hit`, `miss` or `bypass` (a public page asked
 * with a session cookie, or while the generation is unknown).
 */

/** The public pages, as Express's `req.path` has them: what a visitor reads, the same for every visitor. */
export const PUBLIC_PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/agenda$/,
  /^\/evenements\/(?!proposer$)[^/]+$/,
  /^\/guide$/,
  /^\/guide\/(?!ecrire$)[^/]+$/,
  /^\/veille$/,
  /^\/groupes$/,
  /^\/groupes\/[^/]+$/,
  /^\/membres$/,
  /^\/membres\/[^/]+$/,
  /^\/(?:charte|confidentialite|mentions-legales)$/,
];

/** How long a page made without any gateway answer (the Markdown pages) is kept: their files may be edited live. */
const WITHOUT_GATEWAY_MS = 60_000;
/** Shorter than this left to live, a page is not worth keeping. */
const MIN_TTL_MS = 1_000;
/** Longer addresses are answered as usual (and not kept). */
const MAX_URL_LENGTH = 2_048;
/** The headers of a page kept with it; the rest (security headers, request id) is each request's own. */
const KEPT_HEADERS = ['content-type', 'cache-control', 'content-language', 'link', 'x-robots-tag'];

interface Entry {
  headers: [string, string][];
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  /** When it expires by the site's clock (ms since the epoch). */
  expiresAt: number;
}

/**
 * The generation of the gateway's public cache, as the site learns it: `GET <gateway>/public-cache/generation` every
 * `pollMs` (one request at a time, its timer unref'd). `current()` is null until the gateway has told one, when it
 * tells none (its cache is off), and when its last answer is older than `maxSilenceMs` (not answering, or slowly):
 * then nothing is read from the page cache nor written to it.
 */
export class GatewayGeneration {
  private value: string | null = null;
  /** The last generation told (kept while `value` is null), to notice one lower than it. */
  private last: string | null = null;
  /** When `value` was first heard (performance.now()). */
  private since = 0;
  /** When the gateway last answered with `value` (performance.now()). */
  private heardAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private failing = false;

  constructor(
    private readonly options: {
      url: string;
      logger: Logger;
      pollMs?: number;
      /** A generation not heard again for this long is no longer trusted. */
      maxSilenceMs?: number;
      /**
       * How long a new generation must have been known before pages read in it are kept: the time every gateway
       * process takes to learn it (a second, gateway/src/public-cache.ts). Until then, a page may have been made from
       * a gateway process that had not heard of the change yet, from its cache of the generation before.
       */
      settleMs?: number;
      /** Called when the gateway tells a lower generation than the last one (a process behind, Redis emptied). */
      onSetBack?: () => void;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? 500);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.value = null;
  }

  /** The generation to key pages by now, or null: nothing may be read from the cache nor written to it. */
  current(): string | null {
    if (this.value === null || performance.now() - this.heardAt > (this.options.maxSilenceMs ?? 1_000)) return null;
    return this.value;
  }

  /** Whether a page read now in `generation` may be kept: it is current and has been for `settleMs`. */
  settled(generation: string): boolean {
    return this.current() === generation && performance.now() - this.since >= (this.options.settleMs ?? 1_000);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const response = await fetch(this.options.url, { signal: AbortSignal.timeout(this.options.maxSilenceMs ?? 1_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { generation } = (await response.json()) as { generation?: unknown };
      this.heard(typeof generation === 'string' && /^\d{1,30}$/.test(generation) ? generation : null);
      if (this.failing) this.options.logger.info('page cache: the gateway tells its generation again');
      this.failing = false;
    } catch (error) {
      this.value = null;
      if (!this.failing)
        this.options.logger.warn({ err: (error as Error).message }, 'page cache: no generation from the gateway; nothing cached meanwhile');
      this.failing = true;
    } finally {
      this.polling = false;
    }
  }

  private heard(generation: string | null): void {
    const now = performance.now();
    if (generation === null) {
      this.value = null;
      return;
    }
    if (generation !== this.value) {
      // Lower than the last one: a gateway process behind the others, or a Redis emptied. The pages of the higher
      // one must not come back with it: the cache is emptied.
      if (this.last !== null && BigInt(generation) < BigInt(this.last)) this.options.onSetBack?.();
      this.value = generation;
      this.since = now;
    }
    this.last = generation;
    this.heardAt = now;
  }
}

/** The next midnight in Paris after `instant` (ms since the epoch). */
export function nextParisMidnight(instant: Date): number {
  return parisMidnight(nextDay(parisDay(instant))).getTime();
}

/** What a page's gateway answers allow: kept for at most `maxAgeMs`, or not at all. */
class PagePolicy implements PageCacheRecorder {
  answers = 0;
  maxAgeMs = Number.POSITIVE_INFINITY;
  spoiled = false;

  gatewayAnswer(cacheControl: string | null, age: string | null): void {
    this.answers += 1;
    const maxAge = publicMaxAge(cacheControl);
    if (maxAge === null) {
      this.spoiled = true;
      return;
    }
    const elapsed = Number(age);
    this.maxAgeMs = Math.min(this.maxAgeMs, (maxAge - (Number.isFinite(elapsed) && elapsed > 0 ? elapsed : 0)) * 1000);
  }

  spoil(): void {
    this.spoiled = true;
  }
}

/** The seconds a shared cache may keep an answer by its Cache-Control (`max-age=60, public`), or null: not at all. */
export function publicMaxAge(cacheControl: string | null): number | null {
  if (!cacheControl) return null;
  const directives = new Map<string, string>();
  for (const part of cacheControl.toLowerCase().split(',')) {
    const [name, value = ''] = part.trim().split('=', 2) as [string, string?];
    if (name) directives.set(name, value.replace(/^"|"$/g, ''));
  }
  if (!directives.has('public') || ['private', 'no-store', 'no-cache'].some((d) => directives.has(d))) return null;
  const maxAge = Number(directives.get('s-maxage') ?? directives.get('max-age'));
  return Number.isInteger(maxAge) && maxAge > 0 ? maxAge : null;
}

/** A visitor's page being made, which may be kept. */
interface Miss {
  key: string;
  generation: string;
  /** The site's clock when the request came (the page's "now"). */
  startedAt: Date;
  policy: PagePolicy;
}

const MISS = Symbol('page-cache-miss');
type WithMiss = Response & { [MISS]?: Miss };

export interface PageCacheOptions {
  /** The gateway's origin: its `/public-cache/generation` is polled. */
  gatewayOrigin: string;
  clock: Clock;
  logger: Logger;
  maxBytes: number;
  production: boolean;
  metrics?: Registry;
  pollMs?: number;
  settleMs?: number;
}

/** The page cache of one site process: its two middlewares, what a page's context records, and its lifecycle. */
export class PageCache {
  private readonly entries: LRUCache<string, Entry>;
  readonly generation: GatewayGeneration;
  private readonly sessionCookie: RegExp;
  private readonly results?: Counter<'result'>;

  constructor(private readonly options: PageCacheOptions) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry, key) =>
        key.length +
        entry.identity.length +
        entry.gzip.length +
        entry.br.length +
        entry.headers.reduce((n, [k, v]) => n + k.length + v.length, 0) +
        64,
    });
    this.generation = new GatewayGeneration({
      url: new URL('/public-cache/generation', options.gatewayOrigin).toString(),
      logger: options.logger,
      pollMs: options.pollMs,
      settleMs: options.settleMs,
      onSetBack: () => this.entries.clear(),
    });
    this.sessionCookie = new RegExp(`(?:^|;)\\s*${sessionCookieName(options.production).replace(/[^\w-]/g, '\\$&')}=`);
    if (options.metrics) {
      this.results = new Counter({
        name: 'metropotes_web_page_cache_requests_total',
        help: "Public pages asked, by the page cache's answer: hit, miss (rendered), bypass (a session, or no generation)",
        labelNames: ['result'] as const,
        registers: [options.metrics],
      });
      const entries = this.entries;
      new Gauge({
        name: 'metropotes_web_page_cache_bytes',
        help: 'Bytes the page cache holds (every compressed variant counted)',
        registers: [options.metrics],
        collect() {
          this.set(entries.calculatedSize);
        },
      });
    }
  }

  start(): void {
    this.generation.start();
  }

  stop(): void {
    this.generation.stop();
    this.entries.clear();
  }

  /**
   * Early in the stack: answers a visitor's public page from the cache, or marks it as a miss whose answer
   * `capture` may keep. Any other request goes on untouched.
   */
  readonly serve = (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !PUBLIC_PAGES.some((page) => page.test(req.path))) return next();
    const generation = this.generation.current();
    if (generation === null || this.sessionCookie.test(req.headers.cookie ?? '') || req.originalUrl.length > MAX_URL_LENGTH) {
      this.results?.inc({ result: 'bypass' });
      res.setHeader('x-cache', 'bypass');
      return next();
    }
    const key = `${generation} ${req.originalUrl}`;
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.options.clock.now().getTime()) {
      this.results?.inc({ result: 'hit' });
      this.send(req, res, entry);
      return;
    }
    if (entry) this.entries.delete(key);
    this.results?.inc({ result: 'miss' });
    res.setHeader('x-cache', 'miss');
    // HEAD has no body to keep; a generation heard less than a second ago may still be behind on some gateway.
    if (req.method === 'GET' && this.generation.settled(generation)) {
      (res as WithMiss)[MISS] = { key, generation, startedAt: this.options.clock.now(), policy: new PagePolicy() };
    }
    next();
  };

  /**
   * Last before React Router: for a miss that may be kept, copies the HTML as it is written (before compression)
   * and keeps it once the answer is sent, if it qualifies.
   */
  readonly capture = (_req: Request, res: Response, next: NextFunction): void => {
    const miss = (res as WithMiss)[MISS];
    if (!miss) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    const limit = Math.min(4 * 1024 * 1024, Math.floor(this.options.maxBytes / 8));
    const copy = (chunk: unknown, encoding: unknown) => {
      if (size > limit || chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buffer =
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size <= limit) chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: Response, chunk: unknown, encoding?: unknown, callback?: unknown) {
      copy(chunk, encoding);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, encoding, callback);
    } as typeof res.write;
    res.end = function (this: Response, chunk?: unknown, encoding?: unknown, callback?: unknown) {
      copy(chunk, encoding);
      return (end as (...args: unknown[]) => Response).call(this, chunk, encoding, callback);
    } as typeof res.end;
    res.once('finish', () => {
      if (size > limit) return;
      this.keep(res, miss, Buffer.concat(chunks));
    });
    next();
  };

  /** What a request's load context gets: the recorder of a page that may be kept. */
  recorderOf(res: Response): PageCacheRecorder | undefined {
    return (res as WithMiss)[MISS]?.policy;
  }

  /**
   * Keeps a miss's page if it qualifies, with its gzip and Brotli variants made at once (the compression
   * middleware's settings: gzip level 6, Brotli quality 4; about a millisecond for the agenda's 12 KB, once per page
   * and generation), so that the next visitor, who may already be asking, gets it compressed.
   */
  private keep(res: Response, miss: Miss, body: Buffer): void {
    const refused = this.refusal(res, miss, body);
    if (refused) {
      this.options.logger.debug({ requestId: res.locals.requestId, reason: refused }, 'page cache: page not kept');
      return;
    }
    const { policy } = miss;
    const maxAgeMs = policy.answers ? policy.maxAgeMs : WITHOUT_GATEWAY_MS;
    const expiresAt = Math.min(miss.startedAt.getTime() + maxAgeMs, nextParisMidnight(miss.startedAt));
    const ttl = expiresAt - this.options.clock.now().getTime();
    if (ttl < MIN_TTL_MS) return;
    const headers: [string, string][] = [];
    for (const name of KEPT_HEADERS) {
      const value = res.getHeader(name);
      if (value !== undefined) headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
    }
    const gzip = gzipSync(body);
    const br = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
    this.entries.set(miss.key, { headers, identity: body, gzip, br, expiresAt }, { ttl });
  }

  /** Why a miss's page is not kept, or null. */
  private refusal(res: Response, miss: Miss, body: Buffer): string | null {
    if (res.statusCode !== 200) return `status ${res.statusCode}`;
    if (miss.policy.spoiled) return 'a gateway answer not public, or a failure';
    if (res.getHeader('set-cookie') !== undefined) return 'sets a cookie';
    if (!String(res.getHeader('content-type') ?? '').startsWith('text/html')) return 'not HTML';
    const nonce = res.locals.cspNonce as string | undefined;
    if (!body.length) return 'empty';
    if (nonce && body.includes(nonce)) return 'holds its nonce (an inline script)';
    if (this.generation.current() !== miss.generation) return 'the generation moved on';
    return null;
  }

  private send(req: Request, res: Response, entry: Entry): void {
    // Brotli first when the browser takes it, as the compression middleware prefers; then gzip; else as it is.
    const encoding = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : null;
    const body = encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.identity;
    res.status(200);
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.vary('Accept-Encoding');
    if (encoding) res.setHeader('content-encoding', encoding);
    res.setHeader('content-length', body.length);
    res.setHeader('x-cache', 'hit');
    res.end(body);
  }
}
