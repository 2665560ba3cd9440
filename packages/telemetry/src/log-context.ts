import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * What a pino `mixin` adds to every log line: the trace and span ids of the span active where the line is written
 * (the request's, the job's), so that a line and its trace are found from each other. Empty when tracing is off.
 */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const context = span.spanContext();
  return isSpanContextValid(context) ? { traceId: context.traceId, spanId: context.spanId } : {};
}
