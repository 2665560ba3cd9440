import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

/**
 * The token of a digest's unsubscribe link: `<memberId>.<Ed25519 signature>` with the system private key,
 * checked by members (`/unsubscribe/<token>`, modules/system) with the system public key. Unforgeable without
 * the key, no shared secret to hand around, no expiry (the link must work as long as the e-mail is kept).
 */
export class UnsubscribeTokens {
  private readonly key: KeyObject;

  constructor(systemPrivateKeyPem: string) {
    this.key = createPrivateKey(systemPrivateKeyPem);
  }

  tokenFor(memberId: string): string {
    const signature = sign(null, Buffer.from(`metropotes:digest-unsubscribe:${memberId}`, 'utf8'), this.key);
    return `${memberId}.${signature.toString('base64url')}`;
  }
}
