import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { LATENCY_BUCKETS } from '@metropotes/telemetry';
import { Counter, Histogram, type Registry } from 'prom-client';

/** An operation's name as a label: the name the document gives it (at most 100 characters), or `anonymous`. */
const operationLabel = (name: string | null | undefined) => (name ? name.slice(0, 100) : 'anonymous');

/**
 * GraphQL metrics of a server (the gateway, a subgraph), per operation: `metropotes_graphql_operations_total`
 * (by name, type and outcome: ok or error), `metropotes_graphql_operation_duration_seconds` and
 * `metropotes_graphql_errors_total` (by name and error code).
 */
export function graphqlMetricsPlugin(registry: Registry): ApolloServerPlugin<BaseContext> {
  const operations = new Counter({
    name: 'metropotes_graphql_operations_total',
    help: 'GraphQL operations answered, by operation name, type and outcome',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'metropotes_graphql_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation, by operation name and type',
    labelNames: ['operation', 'type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'metropotes_graphql_errors_total',
    help: 'Errors in GraphQL answers, by operation name and error code',
    labelNames: ['operation', 'code'] as const,
    registers: [registry],
  });
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let failed = false;
      return {
        async didEncounterErrors({ errors: list, operationName, request }) {
          failed = true;
          for (const error of list) {
            const code = error.extensions?.code;
            errors.inc({
              operation: operationLabel(operationName ?? request.operationName),
              code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR',
            });
          }
        },
        async willSendResponse({ operationName, operation, request }) {
          const labels = { operation: operationLabel(operationName ?? request.operationName), type: operation?.operation ?? 'unknown' };
          operations.inc({ ...labels, outcome: failed ? 'error' : 'ok' });
          duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
