import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { LRUCache } from 'lru-cache';
import type { Logger } from '@metropotes/config';
import type { Redis } from 'ioredis';
import type { GatewayContext } from './context';
import { RedisKeyValueCache } from './redis-cache';

/**
 * Mutations that change nothing a visitor can read: signing in and out, one's own reminders and e-mail settings, the
 * staff's private work (cases, prospects, welcoming). Every other mutation empties the public cache, new ones
 * included: forgetting one here costs a cache miss, never a stale page.
 */
export const MUTATIONS_WITHOUT_PUBLIC_EFFECT: ReadonlySet<string> = new Set([
  'logIn',
  'logOut',
  'refreshSession',
  'verifyEmail',
  'requestPasswordReset',
  'resetPassword',
  'updateMyNotificationPreferences',
  'setRegistrationReminders',
  'setGroupMessagesReception',
  'closeEventChangeNotice',
  'reportContent',
  'assignCase',
  'markDecisionApplied',
  'recordRoleChange',
  'recordNewcomerNudges',
  'welcomeMember',
  'welcomeMembers',
  'assignBuddy',
  'createProspect',
  'updateProspect',
  'addProspectNote',
  'inviteProspect',
  'declineProspectContact',
  'minimiseInactiveProspects',
]);

/**
 * The generation of the public cache, shared by every gateway process through Redis. A cached response is keyed by
 * the generation it was read in; a change bumps it (INCR), so every entry of the previous generation is out of reach
 * at once and expires on its own (its TTL, from the subgraphs' `@cacheControl` hints). Other processes learn the new
 * generation by Redis pub/sub within milliseconds, and by reading it every `pollMs` should a message be lost
 * (a reconnection), so a change reaches every gateway within a second.
 */
export class PublicCacheGeneration {
  private generation = 'unknown';
  private readonly key: string;
  private readonly channel: string;
  private subscriber: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** A change whose bump Redis refused: retried at each poll, and nothing is cached meanwhile. */
  private bumpOwed = false;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly pollMs = 500,
  ) {
    this.key = `${prefix}:public-cache:generation`;
    this.channel = `${prefix}:public-cache:changed`;
  }

  /** The generation to key responses with; 'unknown' (nothing cached or read) until Redis has told it. */
  current(): string {
    return this.bumpOwed ? 'unknown' : this.generation;
  }

  async start(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => this.observe(message));
    // After a reconnection, messages sent meanwhile are lost: read the generation again.
    this.subscriber.on('ready', () => void this.refresh());
    await this.subscriber.subscribe(this.channel).catch(() => undefined);
    // A gateway that starts empties the cache: a deployment may change what an answer holds, a restart may follow a
    // change made without the gateway (a migration, the demo data loaded again).
    await this.bump().catch(() => undefined);
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    this.timer.unref();
  }

  /** Empties the public cache for every gateway process (a change was committed). */
  async bump(): Promise<void> {
    try {
      const next = String(await this.redis.incr(this.key));
      this.bumpOwed = false;
      this.observe(next);
      await this.redis.publish(this.channel, next);
    } catch (error) {
      this.bumpOwed = true;
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.subscriber?.disconnect();
  }

  private observe(generation: string): void {
    // Generations only grow: a late poll answer never takes the cache back to an older one.
    if (this.generation === 'unknown' || Number(generation) > Number(this.generation)) this.generation = generation;
  }

  private async refresh(): Promise<void> {
    try {
      if (this.bumpOwed) await this.bump();
      this.observe((await this.redis.get(this.key)) ?? '0');
    } catch {
      // Redis unreachable: nothing can be read from the cache meanwhile (reads fail), nothing to do.
    }
  }
}

/**
 * The public read cache: anonymous reads of public data answered from Redis, shared by every gateway process.
 * - What may be cached, and for how long, is what the subgraphs' `@cacheControl` hints say: each subgraph sends its
 *   policy as a Cache-Control header, which the gateway combines (the most restrictive wins; a subgraph response
 *   without a hint makes the whole response uncacheable, as does any PRIVATE field).
 * - A signed-in viewer never reads nor writes it.
 */
export function publicCachePlugin(options: {
  redis: Redis;
  prefix: string;
  generation: PublicCacheGeneration;
  /** How many uncacheable reads are remembered (their cache read skipped); 5,000 by default. */
  rememberUncacheable?: number;
}): ApolloServerPlugin<GatewayContext> {
  const { generation } = options;
  const anonymous = async ({ contextValue }: { contextValue: GatewayContext }) =>
    contextValue.viewer.kind === 'anonymous' && generation.current() !== 'unknown';
  // The anonymous reads whose last answer could not be cached (the least recently seen forgotten first). Skipping
  // their cache read never serves anything stale (they are answered by the subgraphs), and an answer that becomes
  // cacheable is written and forgotten here at once.
  const uncacheable = new LRUCache<string, true>({ max: options.rememberUncacheable ?? 5_000 });
  const inner = responseCachePlugin<GatewayContext>({
    cache: new RedisKeyValueCache(options.redis, `${options.prefix}:public-cache:`, () => true),
    sessionId: async () => null,
    // A read whose last answer could not be cached (no subgraph hint, a PRIVATE field, `{ __typename }`) skips the
    // Redis GET that would miss; it is still written when its answer turns out cacheable (then read again).
    shouldReadFromCache: async (requestContext) => (await anonymous(requestContext)) && !uncacheable.has(readKey(requestContext)),
    shouldWriteToCache: anonymous,
    extraCacheKeyData: async () => generation.current(),
  });
  return {
    ...inner,
    async requestDidStart(requestContext) {
      const listener = await inner.requestDidStart!(requestContext);
      return {
        ...listener,
        async willSendResponse(context) {
          await listener?.willSendResponse?.(context);
          if (context.operation?.operation !== 'query' || context.contextValue.viewer.kind !== 'anonymous' || context.response.body.kind !== 'single')
            return;
          const { data, errors } = context.response.body.singleResult;
          // An answer with errors teaches nothing (a subgraph down for a moment): the next one is read as usual.
          if (errors || !data) return;
          if (context.overallCachePolicy.policyIfCacheable()) uncacheable.delete(readKey(context));
          else uncacheable.set(readKey(context), true);
        },
      };
    },
  };
}

/** The key of an anonymous read in the set of those known uncacheable: its document, operation and variables. */
function readKey(requestContext: {
  queryHash?: string;
  request: { operationName?: string | null; variables?: Record<string, unknown> | null };
}): string {
  const { operationName, variables } = requestContext.request;
  return `${requestContext.queryHash ?? ''}:${operationName ?? ''}:${variables ? JSON.stringify(variables) : ''}`;
}

/**
 * Identical anonymous reads arriving together while the cache does not hold their answer (a page everyone opens, a
 * cache just emptied): the first one runs, the others wait for its answer and get a copy, so a burst of misses makes
 * one subgraph request per distinct query, not one per visitor. Placed after the response cache's plugin: a hit never
 * gets here. The copies are not cached again (their own policy is unknown); the first one's answer is. An answer
 * with errors is not shared: each waiting read then runs itself.
 */
export function collapseIdenticalReads(generation: PublicCacheGeneration): ApolloServerPlugin<GatewayContext> {
  const inFlight = new Map<string, Promise<FormattedExecutionResult | null>>();
  return {
    async requestDidStart() {
      let mine: { key: string; resolve: (result: FormattedExecutionResult | null) => void } | null = null;
      return {
        async responseForOperation({ contextValue, operation, queryHash, request }) {
          if (operation.operation !== 'query' || contextValue.viewer.kind !== 'anonymous' || generation.current() === 'unknown') return null;
          const key = JSON.stringify([queryHash, request.operationName ?? null, request.variables ?? null, generation.current()]);
          const pending = inFlight.get(key);
          if (pending) {
            const result = await pending;
            return result
              ? { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: structuredClone(result) } }
              : null;
          }
          let resolve!: (result: FormattedExecutionResult | null) => void;
          inFlight.set(key, new Promise((r) => (resolve = r)));
          mine = { key, resolve };
          return null;
        },
        async willSendResponse({ response, overallCachePolicy }) {
          if (!mine) return;
          const { key } = mine;
          const result = response.body.kind === 'single' && !response.body.singleResult.errors ? response.body.singleResult : null;
          mine.resolve(result);
          // An answer the cache keeps stays shared a moment longer, while Redis stores it (the response cache writes
          // without waiting): a read arriving meanwhile gets it instead of missing. Any other answer, never.
          const policy = overallCachePolicy.policyIfCacheable();
          if (result && policy && policy.scope !== 'PRIVATE') setTimeout(() => inFlight.delete(key), 1000).unref();
          else inFlight.delete(key);
        },
      };
    },
  };
}

/**
 * An answer to a signed-in viewer is theirs: its Cache-Control header says `private` whatever the subgraphs' hints,
 * so that no shared HTTP cache in front of the gateway keeps it.
 */
export function signedInAnswersArePrivate(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue, overallCachePolicy }) {
      if (contextValue.viewer.kind !== 'anonymous') overallCachePolicy.restrict({ scope: 'PRIVATE' });
    },
  };
}

/**
 * Any mutation not listed in MUTATIONS_WITHOUT_PUBLIC_EFFECT bumps the generation once it is answered: a publication,
 * an edit, a cancellation, a moderation decision (applied by the workers through the gateway), a registration
 * changing the places left. Every gateway process does it, its own cache on or off, so that a change made through
 * any of them empties the cache of all: the client that changed something reads its change at once, every visitor
 * within a second.
 */
export function emptyPublicCacheOnChange(generation: PublicCacheGeneration, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation !== 'mutation') return;
          const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : ['(fragment)']));
          if (fields.every((name) => name === '__typename' || MUTATIONS_WITHOUT_PUBLIC_EFFECT.has(name))) return;
          await generation
            .bump()
            .catch((error: unknown) =>
              logger.warn({ err: error, fields }, 'public cache: could not empty it after a change; retrying, nothing cached meanwhile'),
            );
        },
      };
    },
  };
}
