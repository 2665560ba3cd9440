/**
 * The client's address, for the per-IP limits, is the socket's unless the request comes from a trusted proxy (the
 * web site, GATEWAY_TRUSTED_PROXIES, default 127.0.0.1): only then does X-Forwarded-For name the visitor. A client
 * that is not a trusted proxy cannot choose its address by sending the header, so it cannot dodge the limits.
 */
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { gatewayConfigFrom, trustedProxiesVar } from '../src/env';

describe('X-Forwarded-For is trusted from the configured proxies only', () => {
  const limited = { RATE_LIMITS: 'true', RATE_LIMIT_CALENDAR: '1/min' };
  const calendar = (system: TestSystem, forwardedFor: string) =>
    fetch(`${system.origin}/calendar.ics`, { headers: { 'x-forwarded-for': forwardedFor } });

  describe('from a trusted proxy (the site on 127.0.0.1, the default)', () => {
    let system: TestSystem;
    beforeAll(async () => {
      system = await startTestSystem({ env: () => limited });
    });
    afterAll(async () => {
      await system?.stop();
    });

    it('counts each forwarded visitor on its own budget', async () => {
      expect((await calendar(system, '198.51.100.1')).status).toBe(200);
      expect((await calendar(system, '198.51.100.2')).status).toBe(200);
      expect((await calendar(system, '198.51.100.1')).status).toBe(429);
    });
  });

  describe('from an address that is not a trusted proxy', () => {
    let system: TestSystem;
    beforeAll(async () => {
      // The site would be elsewhere: this test's requests, from 127.0.0.1, are a client like any other.
      system = await startTestSystem({ env: () => ({ ...limited, GATEWAY_TRUSTED_PROXIES: '10.20.30.40' }) });
    });
    afterAll(async () => {
      await system?.stop();
    });

    it('ignores the header: every request counts for the socket address', async () => {
      expect((await calendar(system, '198.51.100.1')).status).toBe(200);
      expect((await calendar(system, '198.51.100.2')).status).toBe(429);
    });
  });

  it('reads GATEWAY_TRUSTED_PROXIES: addresses, CIDR ranges or none', () => {
    const base = { AUTH_PUBLIC_KEY: 'pem' };
    expect(gatewayConfigFrom(base).trustedProxies).toEqual(['127.0.0.1']);
    expect(gatewayConfigFrom({ ...base, GATEWAY_TRUSTED_PROXIES: '10.0.0.2, 10.0.1.0/24' }).trustedProxies).toEqual(['10.0.0.2', '10.0.1.0/24']);
    expect(gatewayConfigFrom({ ...base, GATEWAY_TRUSTED_PROXIES: 'none' }).trustedProxies).toEqual([]);
    expect(trustedProxiesVar.safeParse('le site').success).toBe(false);
    expect(trustedProxiesVar.safeParse('10.0.0.300').success).toBe(false);
  });
});
