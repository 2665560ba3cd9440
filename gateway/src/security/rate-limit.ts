import type { ApolloServerPlugin } from '@apollo/server';
import { createHmac } from 'node:crypto';
import {
  GraphQLError,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { GatewayContext } from '../context';

export interface Limit {
  points: number;
  durationSeconds: number;
}

export interface RateLimits {
  /** Every operation of an anonymous client, per IP address. */
  anonymousPerIp: Limit;
  /** Every mutation of a signed-in member, per member. */
  writesPerMember: Limit;
  /** Sensitive mutations, per IP (sign-in, sign-up, reset) or per member (reports). */
  logIn: Limit;
  /** `logIn` again, per account: the e-mail address it names (normalised, hashed), whatever the IP. */
  logInPerAccount: Limit;
  signUp: Limit;
  requestPasswordReset: Limit;
  reportContent: Limit;
  /** Heavy public HTTP routes forwarded to a subgraph, per IP: `/guide.pdf`… */
  guidePdf: Limit;
  /** …`/calendar.ics` and `/calendar/<secret>.ics` together… */
  calendar: Limit;
  /** …`/unsubscribe/<token>`, GET and POST together. */
  unsubscribe: Limit;
}

/** The limits of the HTTP routes (`http-routes.ts`), set by RATE_LIMIT_GUIDE_PDF, RATE_LIMIT_CALENDAR, RATE_LIMIT_UNSUBSCRIBE. */
export const ROUTE_LIMITS = ['guidePdf', 'calendar', 'unsubscribe'] as const satisfies readonly (keyof RateLimits)[];
export type RouteLimit = (typeof ROUTE_LIMITS)[number];
type OperationLimit = Exclude<keyof RateLimits, RouteLimit>;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  anonymousPerIp: { points: 300, durationSeconds: 60 },
  writesPerMember: { points: 120, durationSeconds: 60 },
  logIn: { points: 10, durationSeconds: 15 * 60 },
  logInPerAccount: { points: 10, durationSeconds: 15 * 60 },
  signUp: { points: 5, durationSeconds: 60 * 60 },
  requestPasswordReset: { points: 5, durationSeconds: 60 * 60 },
  reportContent: { points: 20, durationSeconds: 60 * 60 },
  // Building the PDF is the heaviest thing an anonymous client can ask for.
  guidePdf: { points: 10, durationSeconds: 60 },
  // Calendar apps poll; many subscribers can share one address (a calendar service's fetchers, a workplace NAT).
  calendar: { points: 60, durationSeconds: 60 },
  // Mail providers post one-click unsubscribes (RFC 8058) from shared addresses too.
  unsubscribe: { points: 20, durationSeconds: 60 },
};

/** One limiter in Redis (shared by every gateway process), with an in-memory limiter per process while Redis is down. */
export function createRateLimiter(redis: Redis, prefix: string, name: keyof RateLimits, limit: Limit): RateLimiterAbstract {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:ratelimit:${name}`,
    points: limit.points,
    duration: limit.durationSeconds,
    insuranceLimiter: new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds }),
  });
}

/** Consumes `points` for `key`: null when allowed, else the seconds to wait before trying again. */
export async function consumeOrRetryAfter(limiter: RateLimiterAbstract, key: string, points = 1): Promise<number | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
  }
}

/** What a person reads when refused: "Trop de demandes : réessayez dans 2 minutes." */
export function tooManyRequestsMessage(retryAfterSeconds: number): string {
  return `Trop de demandes : réessayez dans ${formatDelay(retryAfterSeconds)}.`;
}

const STRICT_FIELDS = ['logIn', 'signUp', 'requestPasswordReset', 'reportContent'] as const;

/**
 * Rate limits of GraphQL operations, kept in Redis (shared by every gateway process). If Redis is down, an in-memory
 * limiter per process takes over, so reads go on and abuse is still bounded.
 */
/**
 * `accountSecret` keys the per-account key (`accountKey`): whoever reads Redis cannot test a guessed address against
 * it. The gateway uses its members secret (required in production).
 */
export function rateLimitPlugin(redis: Redis, prefix: string, limits: RateLimits, accountSecret: string): ApolloServerPlugin<GatewayContext> {
  const names = (Object.keys(limits) as (keyof RateLimits)[]).filter(
    (name): name is OperationLimit => !(ROUTE_LIMITS as readonly string[]).includes(name),
  );
  const limiters = Object.fromEntries(names.map((name) => [name, createRateLimiter(redis, prefix, name, limits[name])])) as Record<
    OperationLimit,
    RateLimiterAbstract
  >;

  const consume = async (name: OperationLimit, key: string, points = 1) => {
    const retryAfter = await consumeOrRetryAfter(limiters[name], key, points);
    if (retryAfter === null) return;
    throw new GraphQLError(tooManyRequestsMessage(retryAfter), {
      extensions: { code: 'RATE_LIMITED', retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
    });
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, request }) {
          const viewer = contextValue.viewer;
          const ip = contextValue.clientIp ?? 'unknown';
          if (viewer.kind === 'system') return;
          if (viewer.kind === 'anonymous') await consume('anonymousPerIp', ip);
          if (operation?.operation !== 'mutation') return;
          if (viewer.kind === 'member') await consume('writesPerMember', viewer.memberId);
          // Every occurrence counts, wherever it sits: one request cannot carry fifteen aliased logIn.
          const occurrences = limitedFieldOccurrences(operation, document, STRICT_FIELDS);
          for (const field of STRICT_FIELDS) {
            const count = countOf(occurrences, field);
            if (count === 0) continue;
            const key = field === 'reportContent' && viewer.kind === 'member' ? viewer.memberId : ip;
            await consume(field, key, count);
          }
          const variables = variablesWithDefaults(operation, request.variables);
          for (const [account, count] of logInAccounts(occurrences, variables, accountSecret)) await consume('logInPerAccount', account, count);
        },
      };
    },
  };
}

/** Past this, an occurrence count is "too many" anyway: fragments spread twice inside each other cannot overflow it. */
const MAX_OCCURRENCES = 1_000_000;

/**
 * Every occurrence of the named fields in the operation, at any depth: aliases, inline fragments and named fragments
 * (spread inside other fragments too) included. Each field node comes with how many times the operation reaches it
 * (a fragment spread twice counts twice). A fragment is tallied once and reused, so nested spreads cost no more than
 * the document's size; a cycle (refused by validation anyway) counts nothing.
 */
export function limitedFieldOccurrences(
  operation: OperationDefinitionNode,
  document: DocumentNode | undefined,
  names: readonly string[],
): Map<FieldNode, number> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document?.definitions ?? []) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const tallied = new Map<string, Map<FieldNode, number>>();
  const visiting = new Set<string>();
  const add = (into: Map<FieldNode, number>, from: Map<FieldNode, number>, times = 1) => {
    for (const [node, count] of from) into.set(node, Math.min(MAX_OCCURRENCES, (into.get(node) ?? 0) + count * times));
  };
  const fragmentTally = (name: string): Map<FieldNode, number> => {
    const known = tallied.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return new Map();
    visiting.add(name);
    const tally = selectionTally(fragment.selectionSet);
    visiting.delete(name);
    tallied.set(name, tally);
    return tally;
  };
  const selectionTally = (selectionSet: SelectionSetNode | undefined): Map<FieldNode, number> => {
    const tally = new Map<FieldNode, number>();
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (names.includes(selection.name.value)) add(tally, new Map([[selection, 1]]));
        add(tally, selectionTally(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(tally, selectionTally(selection.selectionSet));
      } else {
        add(tally, fragmentTally(selection.name.value));
      }
    }
    return tally;
  };
  return selectionTally(operation.selectionSet);
}

function countOf(occurrences: Map<FieldNode, number>, name: string): number {
  let count = 0;
  for (const [node, times] of occurrences) if (node.name.value === name) count = Math.min(MAX_OCCURRENCES, count + times);
  return count;
}

/** The operation's variables as the request gives them, else their default values. */
function variablesWithDefaults(operation: OperationDefinitionNode, given: Record<string, unknown> | undefined): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variables[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  return { ...variables, ...given };
}

/**
 * The accounts `logIn` is tried on, with how many attempts each: the `email` argument (variables resolved),
 * trimmed and lower-cased, then keyed-hashed (`accountKey`), so that no address sits in Redis in clear.
 */
function logInAccounts(occurrences: Map<FieldNode, number>, variables: Record<string, unknown>, secret: string): Map<string, number> {
  const accounts = new Map<string, number>();
  for (const [node, times] of occurrences) {
    if (node.name.value !== 'logIn') continue;
    const argument = node.arguments?.find((a) => a.name.value === 'email');
    const email = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
    if (typeof email !== 'string') continue;
    const account = accountKey(email, secret);
    accounts.set(account, Math.min(MAX_OCCURRENCES, (accounts.get(account) ?? 0) + times));
  }
  return accounts;
}

/** The per-account rate-limit key of an e-mail address: HMAC-SHA256 of the address (trimmed, lower-cased) under `secret`. */
export function accountKey(email: string, secret: string): string {
  return createHmac('sha256', `logIn-per-account:${secret}`).update(email.trim().toLowerCase()).digest('hex');
}

function formatDelay(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}
