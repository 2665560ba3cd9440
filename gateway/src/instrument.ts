// The entry point's first import: when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT), the OpenTelemetry SDK starts here,
// before http, express and ioredis are loaded, so that its instrumentations see them. Apollo Gateway's own spans
// (request, plan, execute, fetch) then reach the exporter too. Off, nothing loads.
import { startTracing } from '@metropotes/telemetry';

startTracing('gateway');
