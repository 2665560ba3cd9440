import { generatePemKeyPair, memberOfUnsubscribeToken, systemPublicKeyObject, UnsubscribeTokens } from '../src';

describe('digest unsubscribe tokens', () => {
  it('are checked with the public key of the pair that signed them, for the member they name only', async () => {
    const keys = await generatePemKeyPair();
    const other = await generatePemKeyPair();
    const tokens = new UnsubscribeTokens(keys.privateKey);
    const a = '11111111-1111-4111-8111-111111111111';
    const b = '22222222-2222-4222-8222-222222222222';
    const token = tokens.tokenFor(a);
    expect(memberOfUnsubscribeToken(token, systemPublicKeyObject(keys.publicKey))).toBe(a);
    // Another key pair, another member's name on this signature, garbage: refused.
    expect(memberOfUnsubscribeToken(token, systemPublicKeyObject(other.publicKey))).toBeNull();
    expect(memberOfUnsubscribeToken(`${b}.${token.split('.')[1]}`, systemPublicKeyObject(keys.publicKey))).toBeNull();
    expect(memberOfUnsubscribeToken('pas-un-jeton', systemPublicKeyObject(keys.publicKey))).toBeNull();
  });
});
