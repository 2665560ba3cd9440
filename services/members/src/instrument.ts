// The entry point's first import: when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT), the OpenTelemetry SDK starts here,
// before http, express, pg and ioredis are loaded, so that its instrumentations see them. Off, nothing loads.
import { startTracing } from '@metropotes/telemetry';

startTracing('members');
