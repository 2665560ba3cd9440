import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@metropotes/config';
import type { BaseContext } from './context';
import { INTERNAL_MESSAGE, isKnownErrorCode } from './errors';

/** Logs unexpected errors with the request id; formatError then masks them. */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isKnownErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') continue;
            logger.error({ requestId: contextValue?.requestId, err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

/** The database (or Redis) does not answer: a failure of the infrastructure, not of the request. */
export function isDependencyDown(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const e = current as { code?: unknown; message?: unknown; originalError?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && CONNECTION_ERROR_CODES.has(e.code)) return true;
    if (
      typeof e.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|Connection is closed|Stream isn't writeable|ECONNREFUSED/i.test(e.message)
    ) {
      return true;
    }
    current = e.originalError ?? e.driverError ?? e.cause;
  }
  return false;
}

export function dependencyDownError(formatted: { path?: readonly (string | number)[] }, service: string) {
  return {
    message: 'Le service est momentanément indisponible. Réessayez dans un instant.',
    path: formatted.path,
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: service },
  };
}

/** Known errors keep their code and French message; anything else is masked. */
export function maskError(formatted: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }) {
  const code = formatted.extensions?.code;
  if (isKnownErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
