// The entry point's first import: when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT), the OpenTelemetry SDK starts here,
// before pg, ioredis and http are loaded, so that its instrumentations see them; each job's span then continues the
// trace of the request that enqueued it (BullMQ telemetry). Off, nothing loads.
import { startTracing } from '@metropotes/telemetry';

startTracing('workers');
