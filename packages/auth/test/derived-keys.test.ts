import { createHmac, hkdfSync } from 'node:crypto';
import { deriveKey, generatePemKeyPair, keyedSecret, privateKeyMaterial } from '../src';

describe('derived keys and keyed secrets', () => {
  it('derive one independent key per info string (HKDF-SHA256), the same every time', () => {
    const a = deriveKey('un secret de test assez long', 'metropotes:a');
    expect(a).toHaveLength(32);
    expect(deriveKey('un secret de test assez long', 'metropotes:a')).toEqual(a);
    expect(deriveKey('un secret de test assez long', 'metropotes:b')).not.toEqual(a);
    expect(deriveKey('un autre secret', 'metropotes:a')).not.toEqual(a);
    expect(a).toEqual(Buffer.from(hkdfSync('sha256', 'un secret de test assez long', Buffer.alloc(0), 'metropotes:a', 32)));
    expect(() => deriveKey('', 'metropotes:a')).toThrow(/empty/);
  });

  it('read a PEM private key as key material, with literal \\n too; another key gives another material', async () => {
    const keys = await generatePemKeyPair();
    const material = privateKeyMaterial(keys.privateKey);
    expect(privateKeyMaterial(keys.privateKey.replace(/\n/g, '\\n'))).toEqual(material);
    expect(privateKeyMaterial((await generatePemKeyPair()).privateKey)).not.toEqual(material);
  });

  it('make a URL-safe HMAC-SHA256 secret of a message, cut to the bytes asked', () => {
    const key = deriveKey('un secret de test assez long', 'metropotes:a');
    const secret = keyedSecret(key, 'PASSWORD_RESET:11111111-1111-4111-8111-111111111111');
    expect(secret).toBe(createHmac('sha256', key).update('PASSWORD_RESET:11111111-1111-4111-8111-111111111111').digest('base64url'));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keyedSecret(key, 'PASSWORD_RESET:22222222-2222-4222-8222-222222222222')).not.toBe(secret);
    expect(keyedSecret(key, 'm', 24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
