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
 * broadcasting mode on the session-version keys (every change of such a key is told, whichever connection read it).
 * Revocation stays immediate: when members writes a version (or one expires), Redis pushes the key's name to every
 * gateway process at that moment, before any later request can reach them, and the process forgets it; the next
 * request reads it again. The check itself, on every request, is unchanged;
 * what it saves is a Redis round trip per member request (a fifth of the gateway's CPU on a member's read: the GET's
 * write to the socket, its reply, its timeout).
 *
 * Reads go to Redis on the gateway's own connection, as before. Two connections of its own hold the tracking:
 * `tracker` (tracking on, in broadcasting mode) and `subscriber` (receives the invalidations). The kept versions are
 * used only while both are up and tracking is on: a closed connection, an unanswered heartbeat or a broken redirect
 * empties them and every read is a GET again (timeouts and outages then behave exactly as before) until tracking is
 * set up again. A read whose reply might predate an invalidation (one arrived while it was in flight) keeps nothing.
 */
export class TrackedSessionVersions implements SessionVersionSource {
  private readonly cache: LRUCache<string, string>;
  private readonly keyPrefix: string;
  private readonly tracker: Redis;
  private readonly subscriber: Redis;
  private subscriberId: number | null = null;
  /** The cache may be read and written: tracking is on, redirected to a subscribed connection. */
  private live = false;
  /** Bumped by every invalidation and every loss of tracking: a read in flight meanwhile does not store its reply. */
  private epoch = 0;
  /** Bumped each time tracking is lost: a set-up or a heartbeat started before does not conclude. */
  private losses = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  /** A heartbeat is waiting for its answers (they may take longer than the interval). */
  private checking = false;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly logger: Logger,
    /** heartbeatMs: how often both connections are checked (1 s); heartbeatTimeoutMs: how long an answer may take (3 s). */
    private readonly options: { max?: number; heartbeatMs?: number; heartbeatTimeoutMs?: number } = {},
  ) {
    this.keyPrefix = sessionVersionKey(prefix, '');
    this.cache = new LRUCache({ max: options.max ?? 50_000 });
    this.tracker = redis.duplicate({ connectionName: 'gateway-session-tracking' });
    this.subscriber = redis.duplicate({ connectionName: 'gateway-session-invalidations', autoResubscribe: false });
    for (const connection of [this.tracker, this.subscriber]) {
      connection.on('error', () => undefined);
      connection.on('close', () => this.forget('connection closed'));
    }
    // Its id is that of the connection: a new one is learnt when it is ready again.
    this.subscriber.on('close', () => (this.subscriberId = null));
    this.subscriber.on('ready', () => void this.subscribe());
    this.tracker.on('ready', () => void this.track());
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
    this.heartbeat = setInterval(() => void this.check(this.options.heartbeatTimeoutMs ?? 3_000), every);
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
    const stored = await withTimeout(this.redis.get(key), timeoutMs);
    if (tracked && this.live && this.epoch === epoch) this.cache.set(key, stored ?? NONE);
    return stored;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.forget('stopped');
    this.tracker.disconnect();
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

  /** The subscriber is (re)connected: learn its id, subscribe, then point the tracker's tracking at it. */
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

  /** Tracking on for the tracker, its invalidations sent to the subscriber (both connected). */
  private async track(): Promise<void> {
    const id = this.subscriberId;
    if (this.stopped || id === null || this.tracker.status !== 'ready') return;
    try {
      this.forget('tracking set up again');
      const losses = this.losses;
      // Off first: tracking may still be on, redirected to a subscriber that has since reconnected with another id.
      await this.tracker.client('TRACKING', 'OFF');
      await this.tracker.client('TRACKING', 'ON', 'REDIRECT', id, 'BCAST', 'PREFIX', this.keyPrefix);
      // Nothing was lost meanwhile (a connection closed, the subscriber reconnected with another id).
      if (this.losses === losses && this.subscriberId === id && !this.stopped) this.live = true;
    } catch (error) {
      // A server refusing CLIENT TRACKING (older than Redis 6, or a managed one that forbids it): plain GETs.
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'session versions: Redis refused tracking');
    }
  }

  /**
   * Both connections still answer, and the tracker's tracking still points at the subscriber (Redis marks it broken if
   * the subscriber was disconnected on its side): otherwise forget everything and set tracking up again.
   */
  private async check(timeoutMs: number): Promise<void> {
    if (!this.live || this.stopped || this.checking) return;
    this.checking = true;
    const losses = this.losses;
    let why: string | null;
    try {
      const [, info] = await withTimeout(Promise.all([this.subscriber.ping(), this.tracker.call('CLIENT', 'TRACKINGINFO')]), timeoutMs);
      const fields = new Map<string, unknown>();
      const list = Array.isArray(info) ? (info as unknown[]) : [];
      for (let i = 0; i + 1 < list.length; i += 2) fields.set(String(list[i]), list[i + 1]);
      const flags = (fields.get('flags') as string[] | undefined) ?? [];
      const intact = flags.includes('on') && !flags.includes('broken_redirect') && Number(fields.get('redirect')) === this.subscriberId;
      why = intact ? null : 'tracking redirect broken';
    } catch {
      why = 'heartbeat unanswered';
    } finally {
      this.checking = false;
    }
    // Lost meanwhile (a connection closed): set up again already.
    if (why === null || this.losses !== losses) return;
    this.forget(why);
    // Reconnect both: 'ready' sets tracking up again, with the subscriber's new id.
    this.subscriberId = null;
    this.subscriber.disconnect(true);
    this.tracker.disconnect(true);
  }
}
