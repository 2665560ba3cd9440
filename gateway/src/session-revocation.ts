import type { TokenVerifier, Viewer } from '@metropotes/auth';
import type { Logger } from '@metropotes/config';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';
import type { SessionVersionSource } from './session-versions';

/** The member's session was closed after their token was issued (sanction, role change, erasure, password reset). */
export class SessionRevokedError extends Error {
  override name = 'SessionRevokedError';
  constructor() {
    super('access token older than the session version');
  }
}

export const SESSION_REVOKED_MESSAGE = 'Votre session a été fermée : reconnectez-vous.';

/** A member's write refused while Redis cannot answer the session check (SERVICE_UNAVAILABLE). */
export const SESSION_UNCHECKED_MESSAGE = "Impossible de vérifier votre session pour le moment : rien n'a changé. Réessayez dans un instant.";

/**
 * open: the token is at least as recent as the member's session version (or there is none); closed: the session
 * was closed after the token was issued; unknown: Redis did not answer (error or timeout), nobody can tell.
 */
export type SessionState = 'open' | 'closed' | 'unknown';

/** How long one GET may take before a read goes on without it. */
const TIMEOUT_MS = 250;
/**
 * Before a member's mutation is refused for want of an answer, Redis gets this much longer once more: a busy
 * moment (a slow GET, a reconnection) must not refuse a write that an outage alone should refuse.
 */
export const MUTATION_RECHECK_TIMEOUT_MS = 2_000;
/** At most one warning per this many milliseconds while Redis does not answer. */
const WARN_EVERY_MS = 10_000;

/**
 * Members publishes a member's session version to Redis when their older access tokens must stop working
 * (`sessionVersionKey`, see services/members/src/modules/accounts/session-versions.ts). Checked on every request with a
 * member token (none for anonymous and system callers): a stored version greater than the token's `sv` (absent: 0)
 * means the session was closed. The version comes from `versions`: in the gateway, `TrackedSessionVersions` (kept in
 * the process while Redis tells it of every change, read with a GET otherwise). If Redis does not answer (error or
 * timeout), a warning is logged and the state is `unknown`: the gateway lets reads through (the token's signature and
 * 15-minute expiry still bound them) and refuses members' mutations (`sessionOutagePlugin`), since a banned member's
 * token cannot be told from another.
 */
export function createSessionCheck(versions: SessionVersionSource, logger: Logger) {
  let lastWarning = 0;

  const warn = (error: unknown) => {
    const now = Date.now();
    if (now - lastWarning < WARN_EVERY_MS) return;
    lastWarning = now;
    logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "session versions unreadable in Redis: members' reads checked by signature and expiry only, their mutations refused",
    );
  };

  return async function sessionState(viewer: Viewer, timeoutMs: number = TIMEOUT_MS): Promise<SessionState> {
    if (viewer.kind !== 'member') return 'open';
    try {
      const stored = await versions.read(viewer.memberId, timeoutMs);
      if (stored === null) return 'open';
      const version = Number(stored);
      return Number.isFinite(version) && version > (viewer.sessionVersion ?? 0) ? 'closed' : 'open';
    } catch (error) {
      warn(error);
      return 'unknown';
    }
  };
}

/**
 * True only when the viewer's token is known to be older than their session version: while Redis does not answer,
 * false (for read-only uses such as the queue board; GraphQL mutations go through `createSessionCheck`).
 */
export function createSessionRevocationCheck(versions: SessionVersionSource, logger: Logger) {
  const sessionState = createSessionCheck(versions, logger);
  return async function isRevoked(viewer: Viewer): Promise<boolean> {
    return (await sessionState(viewer)) === 'closed';
  };
}

/**
 * Members' mutations while their session could not be checked (`GatewayContext.sessionUnchecked`) get one more,
 * longer check (`recheckSession`); still no answer: refused with SERVICE_UNAVAILABLE (503), nothing is written, the
 * client retries. Queries go on.
 */
export function sessionOutagePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (operation?.operation !== 'mutation' || !contextValue.sessionUnchecked) return;
          const again = (await contextValue.recheckSession?.()) ?? 'unknown';
          if (again === 'open') return;
          if (again === 'closed') {
            throw new GraphQLError(SESSION_REVOKED_MESSAGE, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          }
          throw new GraphQLError(SESSION_UNCHECKED_MESSAGE, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
        },
      };
    },
  };
}

/** The verifier, plus the session-version check: a revoked member token is refused with SessionRevokedError. */
export function withSessionRevocation(verifier: TokenVerifier, isRevoked: (viewer: Viewer) => Promise<boolean>): TokenVerifier {
  const checked = async (viewer: Viewer): Promise<Viewer> => {
    if (await isRevoked(viewer)) throw new SessionRevokedError();
    return viewer;
  };
  return {
    verify: async (token) => checked(await verifier.verify(token)),
    viewerFromHeader: async (header) => checked(await verifier.viewerFromHeader(header)),
  };
}
