// The peer gateway of the benchmarks (@graphql-hive/gateway): the same headers to each subgraph as the
// Apollo gateway sends (its x-gateway-secret, the client's bearer token, a request id).
//
// With BENCH_HIVE_RESPONSE_CACHE_TTL_MS set, its response cache (`responseCaching`, the @graphql-yoga/plugin-response-cache
// plugin) is configured like the Apollo gateway's public cache (gateway/src/public-cache.ts): in Redis
// (REDIS_URL, keys under BENCH_HIVE_CACHE_PREFIX, shared by every gateway process), one entry for every anonymous
// visitor (no session), never for a request with a token, the TTL the subgraphs' hints give the query measured.
import { randomUUID } from 'node:crypto';

const ttl = Number(process.env.BENCH_HIVE_RESPONSE_CACHE_TTL_MS ?? 0);
const anonymous = (request) => !request.headers.get('authorization');

export const gatewayConfig = {
  logging: 'warn',
  graphiql: false,
  landingPage: false,
  propagateHeaders: {
    fromClientToSubgraphs({ request, subgraphName }) {
      return {
        'x-gateway-secret': process.env[`${subgraphName.toUpperCase()}_GATEWAY_SECRET`],
        authorization: request.headers.get('authorization') ?? undefined,
        'x-request-id': randomUUID(),
      };
    },
  },
  ...(ttl > 0
    ? {
        cache: { type: 'redis', url: process.env.REDIS_URL, keyPrefix: process.env.BENCH_HIVE_CACHE_PREFIX ?? 'bench-hive-cache:' },
        responseCaching: {
          // The Apollo gateway caches a visitor's reads only: one shared entry for all of them, nothing for a member.
          session: () => null,
          enabled: anonymous,
          ttl,
          includeExtensionMetadata: false,
        },
      }
    : {}),
};
