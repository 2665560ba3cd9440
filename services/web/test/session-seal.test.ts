/**
 * The session cookie's value: the gateway's tokens encrypted and authenticated (JWE dir + A256GCM) with a key derived
 * from WEB_SESSION_SECRET. Nobody without the key reads it or forges one; a changed byte makes it no session at all.
 */
import { compactDecrypt } from 'jose';
import { createSessionSealer, type WebSession } from '../server/session-seal';

const session: WebSession = {
  accessToken: 'header.payload.signature',
  refreshToken: 'refresh-token-value',
  accessExpiresAt: 1_800_000_000_000,
  member: { id: '11111111-1111-4111-8111-111111111111', displayName: 'Awa' },
};

describe('the sealed session', () => {
  const sealer = createSessionSealer('a-secret-of-at-least-thirty-two-characters');

  it('opens with the same secret and gives the session back', async () => {
    const sealed = await sealer.seal(session);
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain('refresh-token-value');
    expect(await sealer.unseal(sealed)).toEqual(session);
  });

  it('does not open with another secret, nor with the secret itself as the key', async () => {
    const sealed = await sealer.seal(session);
    expect(await createSessionSealer('another-secret-of-at-least-thirty-two-chars').unseal(sealed)).toBeNull();
    await expect(compactDecrypt(sealed, new TextEncoder().encode('a-secret-of-at-least-thirty-two-characters'.slice(0, 32)))).rejects.toThrow();
  });

  it('is no session once tampered with, or when it is not one of ours', async () => {
    const sealed = await sealer.seal(session);
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[3] = ciphertext.toString('base64url');
    expect(await sealer.unseal(parts.join('.'))).toBeNull();
    expect(await sealer.unseal('pas-une-session')).toBeNull();
    expect(await sealer.unseal('')).toBeNull();
  });
});
