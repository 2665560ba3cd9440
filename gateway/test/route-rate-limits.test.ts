/**
 * The heavy public routes the gateway forwards to a subgraph (the guide PDF, the calendar feeds, the unsubscribe
 * links) are rate-limited per IP: past the limit, HTTP 429 with Retry-After and a short French text. The limits are
 * set through the gateway's environment (RATE_LIMIT_GUIDE_PDF, RATE_LIMIT_CALENDAR, RATE_LIMIT_UNSUBSCRIBE). Each
 * case comes from its own address (X-Forwarded-For, trusted from loopback).
 */
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { gatewayConfigFrom } from '../src/env';
import { DEFAULT_RATE_LIMITS } from '../src/security/rate-limit';

describe('heavy public routes are rate-limited per IP', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({
      env: () => ({ RATE_LIMITS: 'true', RATE_LIMIT_GUIDE_PDF: '2/min', RATE_LIMIT_CALENDAR: '3/10min', RATE_LIMIT_UNSUBSCRIBE: '2/h' }),
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const get = (path: string, ip: string, method: 'GET' | 'POST' = 'GET') =>
    fetch(`${system.origin}${path}`, { method, headers: { 'x-forwarded-for': ip } });
  const expectLimited = async (response: Response, maxSeconds: number) => {
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/);
    expect(await response.text()).toMatch(/^Trop de demandes : réessayez dans \d+ (seconde|minute)s?\.$/);
  };

  it('/guide.pdf: two per minute, then 429; another address is not affected', async () => {
    for (let i = 0; i < 2; i += 1) expect((await get('/guide.pdf', '192.0.2.1')).status).toBe(200);
    await expectLimited(await get('/guide.pdf', '192.0.2.1'), 60);
    expect((await get('/guide.pdf', '192.0.2.2')).status).toBe(200);
  });

  it('/calendar.ics and /calendar/<secret>.ics share one limit', async () => {
    expect((await get('/calendar.ics', '192.0.2.3')).status).toBe(200);
    expect((await get('/calendar.ics?commune=93039', '192.0.2.3')).status).toBe(200);
    expect((await get('/calendar/pas-un-secret-connu.ics', '192.0.2.3')).status).not.toBe(429);
    await expectLimited(await get('/calendar/pas-un-secret-connu.ics', '192.0.2.3'), 600);
    await expectLimited(await get('/calendar.ics', '192.0.2.3'), 600);
  });

  it('/unsubscribe/<token>: GET and POST share one limit', async () => {
    expect((await get('/unsubscribe/jeton-inconnu', '192.0.2.4')).status).not.toBe(429);
    expect((await get('/unsubscribe/jeton-inconnu', '192.0.2.4', 'POST')).status).not.toBe(429);
    await expectLimited(await get('/unsubscribe/jeton-inconnu', '192.0.2.4', 'POST'), 3600);
  });

  it('are on by default with the documented defaults, and off with RATE_LIMITS=false', () => {
    const env = {
      ...system.env,
      RATE_LIMITS: undefined,
      RATE_LIMIT_GUIDE_PDF: undefined,
      RATE_LIMIT_CALENDAR: undefined,
      RATE_LIMIT_UNSUBSCRIBE: undefined,
    };
    const limits = gatewayConfigFrom(env).rateLimits!;
    expect(limits).toEqual(DEFAULT_RATE_LIMITS);
    expect(limits.guidePdf).toEqual({ points: 10, durationSeconds: 60 });
    expect(gatewayConfigFrom({ ...env, RATE_LIMIT_CALENDAR: '100/15min' }).rateLimits!.calendar).toEqual({ points: 100, durationSeconds: 900 });
    expect(gatewayConfigFrom({ ...env, RATE_LIMITS: 'false' }).rateLimits).toBeNull();
  });
});
