import { GraphQLError } from 'graphql';

/** The error codes of API-CONVENTIONS.md: a client may rely on them. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
  // The gateway could not reach a subgraph; extensions.serviceName names it (the rest of the answer still comes).
  'SERVICE_UNAVAILABLE',
  // Emitted by Apollo Server itself for malformed requests; safe to show as they are.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isKnownErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, field?: string): GraphQLError => apiError('BAD_USER_INPUT', message, field ? { field } : {});

/** A staff decision's reason, which the person concerned will read: required, trimmed, at most 2,000 characters. */
export function requiredReason(reason: string | null | undefined, field = 'reason'): string {
  const text = (reason ?? '').trim();
  if (!text) throw badInput('Indiquez la raison, elle sera communiquée.', field);
  if (text.length > 2000) throw badInput('La raison ne peut pas dépasser 2 000 caractères.', field);
  return text;
}

export const notFound = (message = 'Cet élément est introuvable.'): GraphQLError => apiError('NOT_FOUND', message);

export const unauthenticated = (message = 'Vous devez être connecté·e pour faire cela.'): GraphQLError => apiError('UNAUTHENTICATED', message);

export const forbidden = (message = "Vous n'avez pas le droit de faire cela."): GraphQLError => apiError('FORBIDDEN', message);

export const conflict = (message: string, extensions: Record<string, unknown> = {}): GraphQLError => apiError('CONFLICT', message, extensions);

export const INTERNAL_MESSAGE = 'Une erreur inattendue est survenue. Réessayez dans un instant.';
