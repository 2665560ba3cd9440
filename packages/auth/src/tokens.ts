import { LRUCache } from 'lru-cache';
import { jwtVerify, SignJWT, errors as joseErrors, type CryptoKey } from 'jose';
import { importPrivateKey, importPublicKey, TOKEN_ALG } from './keys';
import { ROLES, type MemberRole, type Viewer } from './viewer';

export const TOKEN_AUDIENCE = 'metropotes';
/** Issuer of member access tokens (the members service holds the key). */
export const MEMBER_ISSUER = 'metropotes:members';
/** Issuer of system tokens (the workers hold that key). */
export const SYSTEM_ISSUER = 'metropotes:system';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'access token expired' : 'access token invalid');
  }
}

export interface TokenSigner {
  /**
   * `sv`: the member's session version when the token is issued (members, `session_version`). The gateway refuses
   * a member token whose `sv` is below the version published in Redis (`sessionVersionKey`).
   */
  sign(payload: { sub: string; role: MemberRole | 'SYSTEM'; sv?: number }, ttlSeconds?: number): Promise<string>;
}

/**
 * The Redis key where members publishes a member's session version when it goes up (sanction, role change,
 * erasure, every session revoked), for ACCESS_TOKEN_TTL_SECONDS + SESSION_VERSION_GRACE_SECONDS: long enough to
 * outlive every access token it revokes. `prefix` is the configured REDIS_PREFIX.
 */
export const sessionVersionKey = (prefix: string, memberId: string): string => `${prefix}:session-version:${memberId}`;
export const SESSION_VERSION_GRACE_SECONDS = 60;
export const SESSION_VERSION_TTL_SECONDS = ACCESS_TOKEN_TTL_SECONDS + SESSION_VERSION_GRACE_SECONDS;

export async function createTokenSigner(privateKeyPem: string, issuer: string): Promise<TokenSigner> {
  const key = await importPrivateKey(privateKeyPem);
  return {
    sign: ({ sub, role, sv }, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS) =>
      new SignJWT(sv === undefined ? { role } : { role, sv })
        .setProtectedHeader({ alg: TOKEN_ALG })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
  };
}

export interface TokenVerifier {
  /** Resolves the viewer of a bearer token; rejects with InvalidTokenError. */
  verify(token: string): Promise<Viewer>;
  /** Reads an Authorization header: no header means anonymous. */
  viewerFromHeader(header: string | undefined | null): Promise<Viewer>;
}

export interface VerifierKeys {
  memberPublicKey: string;
  /** Optional: without it, system tokens are refused. */
  systemPublicKey?: string;
}

export interface VerifierOptions {
  /**
   * How many verified tokens to remember (least recently used first out), each until it expires: a client sends
   * the same token for many requests, and a signature check costs more than a lookup. 0: no cache.
   */
  cacheSize?: number;
  /**
   * The time tokens are checked against, in milliseconds (the real time by default). A token's lifetime is elapsed
   * time, not a platform rule (see `Clock` in @metropotes/config), so processes keep the default; a test moves it.
   */
  now?: () => number;
}

export async function createTokenVerifier(keys: VerifierKeys, options: VerifierOptions = {}): Promise<TokenVerifier> {
  const memberKey = await importPublicKey(keys.memberPublicKey);
  const systemKey: CryptoKey | null = keys.systemPublicKey ? await importPublicKey(keys.systemPublicKey) : null;
  const cacheSize = options.cacheSize ?? 10_000;
  const now = options.now ?? Date.now;
  // Only tokens that passed the check are kept, and never used past their `exp`: a hit is what the check would say.
  const verified = cacheSize > 0 ? new LRUCache<string, { viewer: Viewer; expiresAt: number }>({ max: cacheSize }) : null;

  const verify = async (token: string): Promise<Viewer> => {
    const hit = verified?.get(token);
    if (hit) {
      if (hit.expiresAt > now()) return hit.viewer;
      verified!.delete(token);
    }
    const { viewer, expiresAt } = await check(token);
    if (verified && expiresAt > now()) verified.set(token, { viewer: Object.freeze(viewer), expiresAt });
    return viewer;
  };

  const check = async (token: string): Promise<{ viewer: Viewer; expiresAt: number }> => {
    try {
      const issuer = readIssuer(token);
      if (issuer === SYSTEM_ISSUER) {
        if (!systemKey) throw new InvalidTokenError('invalid');
        const { payload } = await jwtVerify(token, systemKey, {
          currentDate: new Date(now()),
          issuer: SYSTEM_ISSUER,
          audience: TOKEN_AUDIENCE,
          algorithms: [TOKEN_ALG],
        });
        if (payload.role !== 'SYSTEM') throw new InvalidTokenError('invalid');
        return { viewer: { kind: 'system' }, expiresAt: expiresAtOf(payload) };
      }
      const { payload } = await jwtVerify(token, memberKey, {
        currentDate: new Date(now()),
        issuer: MEMBER_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: [TOKEN_ALG],
      });
      const role = payload.role;
      if (typeof payload.sub !== 'string' || !ROLES.includes(role as MemberRole)) throw new InvalidTokenError('invalid');
      const viewer: Viewer = { kind: 'member', memberId: payload.sub, role: role as MemberRole };
      // Tokens issued before session versions existed carry no `sv`: they count as version 0.
      if (payload.sv !== undefined) {
        if (typeof payload.sv !== 'number' || !Number.isSafeInteger(payload.sv) || payload.sv < 0) throw new InvalidTokenError('invalid');
        viewer.sessionVersion = payload.sv;
      }
      return { viewer, expiresAt: expiresAtOf(payload) };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('expired');
      throw new InvalidTokenError('invalid');
    }
  };

  return {
    verify,
    async viewerFromHeader(header) {
      if (!header) return { kind: 'anonymous' };
      const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
      if (!match) throw new InvalidTokenError('invalid');
      return verify(match[1]!);
    },
  };
}

/** When a verified token stops being valid (ms); a token without `exp` is not cached. */
const expiresAtOf = (payload: { exp?: number }): number => (typeof payload.exp === 'number' ? payload.exp * 1000 : 0);

function readIssuer(token: string): string | undefined {
  const [, body] = token.split('.');
  if (!body) throw new InvalidTokenError('invalid');
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof parsed.iss === 'string' ? parsed.iss : undefined;
  } catch {
    throw new InvalidTokenError('invalid');
  }
}
