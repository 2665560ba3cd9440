import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The token of a digest's unsubscribe link: `<memberId>.<Ed25519 signature>`, signed by the workers with the system
 * private key and checked by members (`/unsubscribe/<token>`) with the system public key. Unforgeable without the
 * key, no shared secret to hand around, no expiry (the link must work as long as the e-mail is kept).
 */
const message = (memberId: string): Buffer => Buffer.from(`metropotes:digest-unsubscribe:${memberId}`, 'utf8');

const TOKEN_RE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{40,200})$/;

/** The signing side (the workers, with SYSTEM_PRIVATE_KEY). */
export class UnsubscribeTokens {
  private readonly key: KeyObject;

  constructor(systemPrivateKeyPem: string) {
    this.key = createPrivateKey(systemPrivateKeyPem);
  }

  tokenFor(memberId: string): string {
    return `${memberId}.${sign(null, message(memberId), this.key).toString('base64url')}`;
  }
}

/** The checking side (members, with SYSTEM_PUBLIC_KEY): the member the token is for, or null when it is not valid. */
export function memberOfUnsubscribeToken(token: string, publicKey: KeyObject): string | null {
  const match = TOKEN_RE.exec(token);
  if (!match) return null;
  const [, memberId, signature] = match as unknown as [string, string, string];
  try {
    return verify(null, message(memberId), publicKey, Buffer.from(signature, 'base64url')) ? memberId : null;
  } catch {
    return null;
  }
}

export const systemPublicKeyObject = (pem: string): KeyObject => createPublicKey(pem);
