import { apiError } from '@metropotes/graphql-kit';

const UNAVAILABLE = "Impossible de lire la veille pour l'instant. Réessayez dans un instant.";

/**
 * Queries the gateway as the viewer (their own Authorization header), as services/moderation does: the guide's
 * visibility rules decide what members may read of a veille item; members never reads the guide's tables.
 */
export class GatewayClient {
  constructor(
    private readonly gatewayUrl: () => string,
    private readonly authorization: string | undefined,
    private readonly requestId?: string,
  ) {}

  async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.authorization ? { authorization: this.authorization } : {}),
          ...(this.requestId ? { 'x-request-id': this.requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      throw apiError('SERVICE_UNAVAILABLE', UNAVAILABLE);
    }
    const body = (await response.json().catch(() => null)) as { data?: T | null } | null;
    if (!body || body.data === undefined || body.data === null) throw apiError('SERVICE_UNAVAILABLE', UNAVAILABLE);
    return body.data;
  }
}
