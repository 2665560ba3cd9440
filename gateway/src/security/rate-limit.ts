import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
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
  signUp: Limit;
  requestPasswordReset: Limit;
  reportContent: Limit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  anonymousPerIp: { points: 300, durationSeconds: 60 },
  writesPerMember: { points: 120, durationSeconds: 60 },
  logIn: { points: 10, durationSeconds: 15 * 60 },
  signUp: { points: 5, durationSeconds: 60 * 60 },
  requestPasswordReset: { points: 5, durationSeconds: 60 * 60 },
  reportContent: { points: 20, durationSeconds: 60 * 60 },
};

const STRICT_FIELDS = ['logIn', 'signUp', 'requestPasswordReset', 'reportContent'] as const;
type StrictField = (typeof STRICT_FIELDS)[number];

/**
 * Rate limits kept in Redis (shared by every gateway process). If Redis is down, an in-memory limiter per
 * process takes over, so reads go on and abuse is still bounded.
 */
export function rateLimitPlugin(redis: Redis, prefix: string, limits: RateLimits): ApolloServerPlugin<GatewayContext> {
  const make = (name: keyof RateLimits): RateLimiterAbstract => {
    const { points, durationSeconds } = limits[name];
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:ratelimit:${name}`,
      points,
      duration: durationSeconds,
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
    });
  };
  const limiters = Object.fromEntries(Object.keys(limits).map((name) => [name, make(name as keyof RateLimits)])) as Record<
    keyof RateLimits,
    RateLimiterAbstract
  >;

  const consume = async (name: keyof RateLimits, key: string) => {
    try {
      await limiters[name].consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new GraphQLError(`Trop de demandes : réessayez dans ${formatDelay(retryAfter)}.`, {
        extensions: { code: 'RATE_LIMITED', retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
      });
    }
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const viewer = contextValue.viewer;
          const ip = contextValue.clientIp ?? 'unknown';
          if (viewer.kind === 'system') return;
          if (viewer.kind === 'anonymous') await consume('anonymousPerIp', ip);
          if (operation?.operation !== 'mutation') return;
          if (viewer.kind === 'member') await consume('writesPerMember', viewer.memberId);
          for (const field of rootFields(operation)) {
            if (!(STRICT_FIELDS as readonly string[]).includes(field)) continue;
            const key = field === 'reportContent' && viewer.kind === 'member' ? viewer.memberId : ip;
            await consume(field as StrictField, key);
          }
        },
      };
    },
  };
}

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

function formatDelay(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}
