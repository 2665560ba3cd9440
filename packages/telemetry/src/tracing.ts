import { trace, type ProxyTracerProvider } from '@opentelemetry/api';
import type { Telemetry } from 'bullmq';

/**
 * Tracing is on when an OTLP endpoint is named (OTEL_EXPORTER_OTLP_ENDPOINT, or the traces-only
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) and OTEL_SDK_DISABLED is not true. Off, no SDK module is even loaded:
 * the @opentelemetry/api calls of the code (and of Apollo Gateway) stay the API's no-op ones.
 */
export function tracingEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return Boolean(endpoint) && env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true';
}

/**
 * Starts the OpenTelemetry Node SDK for the process `service` (metropotes-<service>) when tracing is enabled, with the
 * instrumentations of what our processes use: http (incoming requests), undici (the gateway's calls to the
 * subgraphs), express, graphql, pg (each SQL statement, with db.statement) and ioredis. The exporter is OTLP, chosen
 * by the SDK from the standard variables (OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf by default, http/json, grpc).
 *
 * Must run before express, pg and ioredis are loaded: each entry point imports its `instrument.ts` first, which
 * calls this. Returns whether the SDK started.
 */
export function startTracing(service: string, env: Record<string, string | undefined> = process.env): boolean {
  if (!tracingEnabled(env)) return false;
  // Loaded here only, so that a process without tracing never loads the SDK. (Synchronous on purpose: the
  // instrumentations must hook `require` before the entry point's other imports run.)
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } = require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME?.trim() || `metropotes-${service}`,
    instrumentations: [
      // /health, /ready and /metrics are polled: no trace for them.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|ready|metrics)(\?|$)/.test(req.url ?? '') }),
      new UndiciInstrumentation(),
      new ExpressInstrumentation(),
      // Resolver spans only for fields that do work (the default spans every field of every object).
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new IORedisInstrumentation(),
    ],
  });
  sdk.start();
  return true;
}

/** Sends the spans still buffered (before a process exits). Nothing to do when tracing is off. */
export async function flushTraces(): Promise<void> {
  const provider = trace.getTracerProvider() as Partial<ProxyTracerProvider>;
  const delegate = (provider.getDelegate?.() ?? provider) as { forceFlush?: () => Promise<void> };
  await delegate.forceFlush?.().catch(() => undefined);
}

/**
 * BullMQ's telemetry (bullmq-otel) for a Queue or a Worker when tracing is on: the producer's span context travels
 * in the job's options (BullMQ's own telemetry metadata, not the payload), and the worker's span continues that
 * trace. Undefined when tracing is off: BullMQ then does no telemetry work at all.
 */
export function bullmqTelemetry(name: string, env: Record<string, string | undefined> = process.env): Telemetry | undefined {
  if (!tracingEnabled(env)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BullMQOtel } = require('bullmq-otel') as typeof import('bullmq-otel');
  return new BullMQOtel(`metropotes-${name}`) as unknown as Telemetry;
}
