import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Digest unsubscribe links: `<memberId>.<Ed25519 signature>` signed by the workers with the system private key
 * and checked here with the system public key (unforgeable, no shared secret, no expiry: such links must work
 * for as long as the e-mail is kept).
 */
export const unsubscribeMessage = (memberId: string): Buffer => Buffer.from(`metropotes:digest-unsubscribe:${memberId}`, 'utf8');

const TOKEN_RE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{40,200})$/;

export function memberOfUnsubscribeToken(token: string, publicKey: KeyObject): string | null {
  const match = TOKEN_RE.exec(token);
  if (!match) return null;
  const [, memberId, signature] = match as unknown as [string, string, string];
  try {
    return verify(null, unsubscribeMessage(memberId), publicKey, Buffer.from(signature, 'base64url')) ? memberId : null;
  } catch {
    return null;
  }
}

export const systemPublicKeyObject = (pem: string): KeyObject => createPublicKey(pem);
