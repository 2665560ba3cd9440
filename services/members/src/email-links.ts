import { deriveKey, keyedSecret, privateKeyMaterial } from '@metropotes/auth';
import { createHash } from 'node:crypto';

/** The e-mails whose link carries a single-use token: the row it is derived from is an account token or an invitation. */
export type EmailLinkKind = 'VERIFY_EMAIL' | 'PASSWORD_RESET' | 'PROSPECT_INVITATION';
export const EMAIL_LINK_KINDS: readonly EmailLinkKind[] = ['VERIFY_EMAIL', 'PASSWORD_RESET', 'PROSPECT_INVITATION'];

/** The HKDF info of the key: another use of the member-token private key gets another key. */
const KEY_INFO = 'metropotes:members:e-mail-link-tokens:v1';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The tokens of the links members e-mails (address verification, password reset, prospect invitation), derived from
 * the id of their row: `base64url(HMAC-SHA256(K, kind + ':' + rowId))`, K derived with HKDF from the member-token
 * private key (AUTH_PRIVATE_KEY, which only members holds) — no other secret to configure. Only `sha256(token)` is
 * stored, and the token is in no job, no stored e-mail and no log: the workers ask for it when they send the e-mail
 * (`systemMailSecret`), and a retry gets the same one. Rotating AUTH_PRIVATE_KEY invalidates the links not yet used.
 */
export class EmailLinkTokens {
  private readonly key: Buffer;

  constructor(authPrivateKeyPem: string) {
    this.key = deriveKey(privateKeyMaterial(authPrivateKeyPem), KEY_INFO);
  }

  tokenFor(kind: EmailLinkKind, rowId: string): string {
    return keyedSecret(this.key, `${kind}:${rowId}`);
  }

  /** Whether `tokenHash` (a stored row's) is the hash of the token derived for the row: not for rows written before the derivation. */
  matches(kind: EmailLinkKind, rowId: string, tokenHash: string): boolean {
    return hashToken(this.tokenFor(kind, rowId)) === tokenHash;
  }
}
