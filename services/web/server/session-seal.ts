import { hkdfSync } from 'node:crypto';
import { decodeJwt, EncryptJWT, jwtDecrypt } from 'jose';

/**
 * A member's session as the site keeps it: the gateway's tokens, sealed in an httpOnly cookie (the browser's
 * JavaScript never sees a token), with the little the layout shows on every page without asking the gateway.
 */
export interface WebSession {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since the epoch, from its `exp`). */
  accessExpiresAt: number;
  member: { id: string; displayName: string };
}

/** How long the cookie lives: the members service's refresh-token lifetime (REFRESH_TOKEN_TTL_DAYS). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

/** The session cookie's name: `__Host-` prefixed in production (HTTPS only, this host only). */
export const sessionCookieName = (production: boolean) => (production ? '__Host-metropotes_session' : 'metropotes_session');

export interface SessionSealer {
  /** The session as an encrypted, authenticated string (JWE compact, dir + A256GCM). */
  seal(session: WebSession): Promise<string>;
  /** The session in `sealed`, or null when it is not one of ours, was tampered with, or has expired. */
  unseal(sealed: string): Promise<WebSession | null>;
}

/** `secret` (WEB_SESSION_SECRET) gives the 256-bit key through HKDF-SHA256; the secret itself never encrypts. */
export function createSessionSealer(secret: string): SessionSealer {
  const key = new Uint8Array(hkdfSync('sha256', secret, 'metropotes-web', 'session cookie v1', 32));
  return {
    async seal(session) {
      return new EncryptJWT({ s: session })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt()
        .setExpirationTime(`${SESSION_MAX_AGE_SECONDS}s`)
        .encrypt(key);
    },
    async unseal(sealed) {
      try {
        const { payload } = await jwtDecrypt(sealed, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
        return isWebSession(payload.s) ? payload.s : null;
      } catch {
        return null;
      }
    },
  };
}

/** A new session from the gateway's AuthPayload. */
export function sessionFrom(payload: { accessToken: string; refreshToken: string; member: { id: string; displayName: string } }): WebSession {
  const exp = decodeJwt(payload.accessToken).exp;
  return {
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    // Without exp (never the case with members' tokens), refresh at the next request.
    accessExpiresAt: typeof exp === 'number' ? exp * 1000 : 0,
    member: { id: payload.member.id, displayName: payload.member.displayName },
  };
}

function isWebSession(value: unknown): value is WebSession {
  const s = value as WebSession | undefined;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.accessToken === 'string' &&
    typeof s.refreshToken === 'string' &&
    typeof s.accessExpiresAt === 'number' &&
    typeof s.member?.id === 'string' &&
    typeof s.member?.displayName === 'string'
  );
}
