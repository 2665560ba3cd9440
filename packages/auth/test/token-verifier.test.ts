import { createTokenSigner, createTokenVerifier, generatePemKeyPair, InvalidTokenError, MEMBER_ISSUER } from '../src';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The verifier remembers tokens it has checked, but a remembered token is never accepted past its expiry. */
describe('token verifier (Ed25519, with its cache of verified tokens)', () => {
  it('accepts a token again from its cache, never past its expiry, and refuses a forged one', async () => {
    const keys = await generatePemKeyPair();
    const other = await generatePemKeyPair();
    const signer = await createTokenSigner(keys.privateKey, MEMBER_ISSUER);
    const verifier = await createTokenVerifier({ memberPublicKey: keys.publicKey }, { cacheSize: 10 });

    const token = await signer.sign({ sub: '6b0a9b8e-0000-4000-8000-000000000001', role: 'STAFF', sv: 3 }, 1);
    const viewer = { kind: 'member', memberId: '6b0a9b8e-0000-4000-8000-000000000001', role: 'STAFF', sessionVersion: 3 };
    expect(await verifier.verify(token)).toEqual(viewer);
    expect(await verifier.verify(token)).toEqual(viewer);
    expect(await verifier.viewerFromHeader(`Bearer ${token}`)).toEqual(viewer);

    // Signed with another key, or altered: refused, cache or not.
    const forged = await (await createTokenSigner(other.privateKey, MEMBER_ISSUER)).sign({ sub: 'x', role: 'ADMIN' });
    await expect(verifier.verify(forged)).rejects.toEqual(new InvalidTokenError('invalid'));
    await expect(verifier.verify(`${token.slice(0, -2)}AA`)).rejects.toBeInstanceOf(InvalidTokenError);

    // `exp` has one-second precision: after it, the remembered token is checked again, and refused as expired.
    await sleep(2100);
    await expect(verifier.verify(token)).rejects.toEqual(new InvalidTokenError('expired'));
  });
});
