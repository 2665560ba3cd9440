// The peer gateway of the benchmarks (@graphql-hive/gateway): the same headers to each subgraph as the
// Apollo gateway sends (its x-gateway-secret, the client's bearer token, a request id).
import { randomUUID } from 'node:crypto';

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
};
