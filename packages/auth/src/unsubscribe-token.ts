import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { UUID_PATTERN } from './uuid';

/**
 * The token of a digest's unsubscribe link: `<memberId>.<Ed25519 signature>`, signed by the workers with the system
 * private key and checked by members (`/unsubscribe/<token>`) with the system public key. Unforgeable without the
 * key, no shared secret to hand around, no expiry (the link must work as long as the e-mail is kept).
 */
const message = (memberId: string): Buffer => Buffer.from(`metropotes:digest-unsubscribe:${memberId}`, 'utf8');

const TOKEN_RE = new RegExp(`^(${UUID_PATTERN})\\.([A-Za-z0-9_-]{40,200})$`);

/** The signing side (the workers, with SYSTEM_PRIVATE_KEY). */
export class UnsubscribeTokens {
  private readonly key: KeyObject;

  constructor(systemPrivateKeyPem: string) {
    this.key = createPrivateKey(systemPrivateKeyPem);
  }

  tokenFor(memberId: string): string {
    return `${memberId}.${sign(null, message(memberId), this.key).toString('base64url')}`;
  }

  /** The token of a group message's unsubscribe link: stops that group's messages for that member only. */
  groupTokenFor(memberId: string, groupId: string): string {
    return `g.${groupId}.${memberId}.${sign(null, groupMessage(groupId, memberId), this.key).toString('base64url')}`;
  }
}

/**
 * The token of a group message's unsubscribe link (List-Unsubscribe of `group-message` e-mails):
 * `g.<groupId>.<memberId>.<Ed25519 signature>`, signed by the workers at delivery (never stored) like the digest's.
 */
const groupMessage = (groupId: string, memberId: string): Buffer => Buffer.from(`metropotes:group-unsubscribe:${groupId}:${memberId}`, 'utf8');

const UUID = UUID_PATTERN;
const GROUP_TOKEN_RE = new RegExp(`^g\\.(${UUID})\\.(${UUID})\\.([A-Za-z0-9_-]{40,200})$`);

/** Whether a token has the shape of a group message's unsubscribe token (not whether it is valid). */
export const isGroupUnsubscribeToken = (token: string): boolean => token.startsWith('g.');

/** The checking side of a group token (members, SYSTEM_PUBLIC_KEY): the membership it is for, or null when not valid. */
export function membershipOfGroupUnsubscribeToken(token: string, publicKey: KeyObject): { groupId: string; memberId: string } | null {
  const match = GROUP_TOKEN_RE.exec(token);
  if (!match) return null;
  const [, groupId, memberId, signature] = match as unknown as [string, string, string, string];
  try {
    return verify(null, groupMessage(groupId, memberId), publicKey, Buffer.from(signature, 'base64url')) ? { groupId, memberId } : null;
  } catch {
    return null;
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
