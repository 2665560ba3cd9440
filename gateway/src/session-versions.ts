import { sessionVersionKey } from '@metropotes/auth';
import { withTimeout, type Logger } from '@metropotes/config';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** Where the gateway reads a member's session version (the string members stored in Redis, or null if none). */
export interface SessionVersionSource {
  read(memberId: string, timeoutMs: number): Promise<string | null>;
}

/** Redis's invalidation channel for client-side caching (RESP2: a redirect connection subscribes to it). */
const INVALIDATE_CHANNEL = '__redis__:invalidate';
/** A cached "no version stored" (the cache holds no null). */
const NONE = '';

/**
 * Members' session versions, kept in this process for as long as Redis promises to say when one changes: Redis's
 * client-side caching ("tracking", https://redis.io/docs/latest/develop/reference/client-side-caching/), in
 * broadcasting mode on the session-version keys. Revocation stays immediate: when members writes a version (or one
 * expires), Redis pushes the key's name to every gateway process at that moment, before any later request can reach
 * them, and the process forgets it; the next request reads it again. The check itself, on every request, is unchanged;
 * what it saves is a Redis round trip per member request (a fifth of the gateway's CPU on a member's read: the GET's
 * write to the socket, its reply, its timeout).
 *
 * Two connections of its own: `reader` (its reads are tracked) and `subscriber` (receives the invalidations). The cache
 * is used only while both are up and tracking is on: a closed connection, a failed heartbeat or a broken redirect
 * empties it and every read goes to Redis again (timeouts and outages then behave exactly as plain GETs do) until
 * tracking is set up again. A reader whose reply might predate an invalidation (one arrived while it was in flight)
 * does not store it.
 */
export class TrackedSessionVersions implements SessionVersionSource {
  private readonly cache: LRUCache<string, string>;
  private readonly keyPrefix: string;
  private readonly reader: Redis;
  private readonly subscriber: Redis;
  private subscriberId: number | null = null;
  /** The cache may be read and written: tracking is on, redirected to a subscribed connection. */
  private live = false;
  /** Bumped by every invalidation and every loss of tracking: a read in flight meanwhile does not store its reply. */
  private epoch = 0;
  /** Bumped each time tracking is lost: a set-up or a heartbeat started before does not conclude. */
  private losses = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    redis: Redis,
    prefix: string,
    private readonly logger: Logger,
    private readonly options: { max?: number; heartbeatMs?: number } = {},
  ) {
    this.keyPrefix = sessionVersionKey(prefix, '');
    this.cache = new LRUCache({ max: options.max ?? 50_000 });
    this.reader = redis.duplicate({ connectionName: 'gateway-session-versions' });
    this.subscriber = redis.duplicate({ connectionName: 'gateway-session-invalidations', autoResubscribe: false });
    for (const connection of [this.reader, this.subscriber]) {
      connection.on('error', () => undefined);
      connection.on('close', () => this.forget('connection closed'));
    }
    this.subscriber.on('ready', () => void this.subscribe());
    this.reader.on('ready', () => void this.track());
    this.subscriber.on('messageBuffer', (channel: Buffer, keys: Buffer[] | Buffer | null) => {
      if (channel.toString() !== INVALIDATE_CHANNEL) return;
      this.epoch++;
      // null: the whole database was flushed.
      if (keys === null) this.cache.clear();
      else for (const key of Array.isArray(keys) ? keys : [keys]) this.cache.delete(key.toString());
    });
  }

  /** Waits (at most `ms`) for tracking to be on; reads go to Redis until it is. */
  async start(ms = 2_000): Promise<void> {
    const every = this.options.heartbeatMs ?? 1_000;
    this.heartbeat = setInterval(() => void this.check(every), every);
    this.heartbeat.unref();
    const deadline = Date.now() + ms;
    while (!this.live && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Whether reads are answered from this process (tracking on); for tests and metrics. */
  isTracking(): boolean {
    return this.live;
  }

  async read(memberId: string, timeoutMs: number): Promise<string | null> {
    const key = this.keyPrefix + memberId;
    if (this.live) {
      const kept = this.cache.get(key);
      if (kept !== undefined) return kept === NONE ? null : kept;
    }
    const epoch = this.epoch;
    const tracked = this.live;
    const stored = await withTimeout(this.reader.get(key), timeoutMs);
    if (tracked && this.live && this.epoch === epoch) this.cache.set(key, stored ?? NONE);
    return stored;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.forget('stopped');
    this.reader.disconnect();
    this.subscriber.disconnect();
  }

  /** Tracking is lost (or may be): nothing kept is trusted any more. */
  private forget(why: string): void {
    this.epoch++;
    this.losses++;
    if (this.live) this.logger.info({ why }, 'session versions: reading Redis on every request until tracking is back');
    this.live = false;
    this.cache.clear();
  }

  /** The subscriber is (re)connected: learn its id, subscribe, then point the reader's tracking at it. */
  private async subscribe(): Promise<void> {
    try {
      this.subscriberId = null;
      const id = Number(await this.subscriber.client('ID'));
      await this.subscriber.subscribe(INVALIDATE_CHANNEL);
      this.subscriberId = id;
      await this.track();
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'session versions: no invalidation channel');
    }
  }

  /** Tracking on for the reader, its invalidations sent to the subscriber (both connected). */
  private async track(): Promise<void> {
    const id = this.subscriberId;
    if (this.stopped || id === null || this.reader.status !== 'ready') return;
    try {
      this.forget('tracking set up again');
      const losses = this.losses;
      await this.reader.client('TRACKING', 'ON', 'REDIRECT', id, 'BCAST', 'PREFIX', this.keyPrefix);
      // Nothing was lost meanwhile (a connection closed, the subscriber reconnected with another id).
      if (this.losses === losses && this.subscriberId === id && !this.stopped) this.live = true;
    } catch (error) {
      // A server refusing CLIENT TRACKING (older than Redis 6, or a managed one that forbids it): plain GETs.
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'session versions: Redis refused tracking');
    }
  }

  /**
   * Both connections still answer, and the reader's tracking still points at the subscriber (Redis marks it broken if
   * the subscriber was disconnected on its side): otherwise forget everything and set tracking up again.
   */
  private async check(timeoutMs: number): Promise<void> {
    if (!this.live || this.stopped) return;
    const losses = this.losses;
    try {
      const [, info] = await withTimeout(Promise.all([this.subscriber.ping(), this.reader.call('CLIENT', 'TRACKINGINFO')]), timeoutMs);
      const fields = new Map<string, unknown>();
      const list = Array.isArray(info) ? (info as unknown[]) : [];
      for (let i = 0; i + 1 < list.length; i += 2) fields.set(String(list[i]), list[i + 1]);
      const flags = (fields.get('flags') as string[] | undefined) ?? [];
      const intact = flags.includes('on') && !flags.includes('broken_redirect') && Number(fields.get('redirect')) === this.subscriberId;
      if (intact || this.losses !== losses) return;
      this.forget('tracking redirect broken');
    } catch {
      if (this.losses !== losses) return;
      this.forget('heartbeat unanswered');
    }
    // Reconnect both: 'ready' sets tracking up again.
    this.subscriber.disconnect(true);
    this.reader.disconnect(true);
  }
}
