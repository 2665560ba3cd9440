import { sessionVersionKey, type TokenVerifier, type Viewer } from '@metropotes/auth';
import { withTimeout, type Logger } from '@metropotes/config';
import type { Redis } from 'ioredis';

/** The member's session was closed after their token was issued (sanction, role change, erasure, password reset). */
export class SessionRevokedError extends Error {
  override name = 'SessionRevokedError';
  constructor() {
    super('access token older than the session version');
  }
}

export const SESSION_REVOKED_MESSAGE = 'Votre session a été fermée : reconnectez-vous.';

/** How long one GET may take before the request goes on without it. */
const TIMEOUT_MS = 250;
/** At most one warning per this many milliseconds while Redis does not answer. */
const WARN_EVERY_MS = 10_000;

/**
 * Members publishes a member's session version to Redis when their older access tokens must stop working
 * (`sessionVersionKey`, see services/members/src/modules/accounts/session-versions.ts). One GET per request with a
 * member token (none for anonymous and system callers): a stored version greater than the token's `sv` (absent: 0)
 * means the session was closed. If Redis does not answer (error or timeout), a warning is logged and the request
 * goes through: the token's signature and 15-minute expiry still bound it.
 */
export function createSessionRevocationCheck(redis: Redis, prefix: string, logger: Logger) {
  let lastWarning = 0;

  const warn = (error: unknown) => {
    const now = Date.now();
    if (now - lastWarning < WARN_EVERY_MS) return;
    lastWarning = now;
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'session versions unreadable in Redis: member tokens checked by signature and expiry only');
  };

  /** True when the viewer's token was issued before their session was closed. */
  return async function isRevoked(viewer: Viewer): Promise<boolean> {
    if (viewer.kind !== 'member') return false;
    try {
      const stored = await withTimeout(redis.get(sessionVersionKey(prefix, viewer.memberId)), TIMEOUT_MS);
      if (stored === null) return false;
      const version = Number(stored);
      return Number.isFinite(version) && version > (viewer.sessionVersion ?? 0);
    } catch (error) {
      warn(error);
      return false;
    }
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
