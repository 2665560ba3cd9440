import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { apiError } from './errors';
import { REQUEST_ID_HEADER } from './context';

/**
 * An operation typed by graphql-codegen (the client preset's `graphql()` in each service, `documentMode: 'string'`):
 * the document's text with its result and variables types attached.
 */
export type GatewayOperation<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/**
 * Queries the gateway as the viewer (their own Authorization header), so that the owning services'
 * visibility rules decide what the calling service may know: no service reads another's tables.
 */
export class GatewayClient {
  constructor(
    private readonly gatewayUrl: () => string,
    private readonly authorization: string | undefined,
    private readonly requestId?: string,
    /** Said to the person when the gateway cannot answer. */
    private readonly unavailableMessage = "Impossible de vérifier cela pour l'instant. Réessayez dans un instant.",
  ) {}

  /** The answer's data (fields the viewer may not see come back null); SERVICE_UNAVAILABLE when there is none. */
  async query<T, V>(operation: GatewayOperation<T, V>, variables: V): Promise<T> {
    const query = operation.toString();
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.authorization ? { authorization: this.authorization } : {}),
          ...(this.requestId ? { [REQUEST_ID_HEADER]: this.requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      throw apiError('SERVICE_UNAVAILABLE', this.unavailableMessage);
    }
    const body = (await response.json().catch(() => null)) as { data?: T | null } | null;
    if (!body || body.data === undefined || body.data === null) throw apiError('SERVICE_UNAVAILABLE', this.unavailableMessage);
    return body.data;
  }
}
