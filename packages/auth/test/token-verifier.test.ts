import { decodeJwt } from 'jose';
import { createTokenSigner, createTokenVerifier, generatePemKeyPair, InvalidTokenError, MEMBER_ISSUER } from '../src';

/** The verifier remembers tokens it has checked, but a remembered token is never accepted past its expiry. */
describe('token verifier (Ed25519, with its cache of verified tokens)', () => {
  it('accepts a token again from its cache, never past its expiry, and refuses a forged one', async () => {
    const keys = await generatePemKeyPair();
    const other = await generatePemKeyPair();
    const signer = await createTokenSigner(keys.privateKey, MEMBER_ISSUER);
    // The verifier's time stands still at the signing instant until the test moves it: a slow machine cannot let the
    // one-second token expire before its first check.
    let clockMs = Date.now();
    const verifier = await createTokenVerifier({ memberPublicKey: keys.publicKey }, { cacheSize: 10, now: () => clockMs });

    const token = await signer.sign({ sub: '6b0a9b8e-0000-4000-8000-000000000001', role: 'STAFF', sv: 3 }, 1);
    const viewer = { kind: 'member', memberId: '6b0a9b8e-0000-4000-8000-000000000001', role: 'STAFF', sessionVersion: 3 };
    const first = await verifier.verify(token);
    expect(first).toEqual(viewer);
    // A hit answers the very viewer the check made (frozen); without a cache, every call checks again.
    expect(await verifier.verify(token)).toBe(first);
    expect(await verifier.viewerFromHeader(`Bearer ${token}`)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const uncached = await createTokenVerifier({ memberPublicKey: keys.publicKey }, { cacheSize: 0, now: () => clockMs });
    const once = await uncached.verify(token);
    expect(once).toEqual(viewer);
    expect(await uncached.verify(token)).not.toBe(once);

    // Signed with another key, or altered: refused, cache or not.
    const forged = await (await createTokenSigner(other.privateKey, MEMBER_ISSUER)).sign({ sub: 'x', role: 'ADMIN' });
    await expect(verifier.verify(forged)).rejects.toEqual(new InvalidTokenError('invalid'));
    // One character in the middle of the signature changed (the last character also carries padding bits).
    const at = token.length - 20;
    const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    await expect(verifier.verify(altered)).rejects.toBeInstanceOf(InvalidTokenError);

    // Just before `exp` (one-second precision) the remembered token still answers; after it, it is checked again
    // and refused as expired, by both verifiers.
    const expiresAt = decodeJwt(token).exp! * 1000;
    clockMs = expiresAt - 1;
    expect(await verifier.verify(token)).toBe(first);
    clockMs = expiresAt;
    await expect(verifier.verify(token)).rejects.toEqual(new InvalidTokenError('expired'));
    await expect(uncached.verify(token)).rejects.toEqual(new InvalidTokenError('expired'));
  });
});
