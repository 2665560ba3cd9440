import { createHmac, createPrivateKey, hkdfSync } from 'node:crypto';

/**
 * Keys derived from a secret a process already holds (HKDF-SHA256, RFC 5869), one per use: a distinct `info` string
 * gives an independent key, so one secret serves several purposes without one use revealing another's key, and no
 * new secret has to be configured.
 */
export function deriveKey(secret: string | Buffer, info: string, bytes = 32): Buffer {
  if (!secret.length) throw new Error('deriveKey: empty secret');
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), Buffer.from(info, 'utf8'), bytes));
}

/** The bytes of a PEM private key (PKCS#8 DER), as key material for `deriveKey`. Literal "\n" are allowed, as in env variables. */
export function privateKeyMaterial(pem: string): Buffer {
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  return createPrivateKey(text).export({ format: 'der', type: 'pkcs8' });
}

/**
 * A secret for `message` under `key`: base64url(HMAC-SHA256(key, message)), cut to `bytes` bytes (at most 32). The
 * same inputs always give the same secret: whoever holds the key can give it again, and nobody else can compute it.
 */
export function keyedSecret(key: Buffer, message: string, bytes = 32): string {
  return createHmac('sha256', key).update(message, 'utf8').digest().subarray(0, bytes).toString('base64url');
}
