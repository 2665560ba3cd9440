import { traceLogFields } from '@metropotes/telemetry';
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // The trace of the request or job under way (when tracing is on), on every line.
    mixin: traceLogFields,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-gateway-secret"]', '*.password'], remove: true },
  });
}
