import { subgraphConfigFrom } from '@metropotes/config';
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { workersConfigFrom } from '../../workers/src/env';

/**
 * A member's calendar feed link is given on the site's address (PUBLIC_URL), never the gateway's: the site forwards
 * /calendar/<secret>.ics to the gateway (services/web/server/gateway-routes.ts).
 */
describe('the address of the calendar feed links', () => {
  it('defaults to the web site for the subgraphs and the workers, as npm start does', () => {
    const keys = { AUTH_PUBLIC_KEY: 'public', SYSTEM_PRIVATE_KEY: 'private' };
    expect(subgraphConfigFrom('EVENTS', 4002, keys).publicUrl).toBe('http://localhost:3000');
    expect(workersConfigFrom(keys).publicUrl).toBe('http://localhost:3000');
  });

  describe('through the gateway', () => {
    let system: TestSystem;
    beforeAll(async () => {
      system = await startTestSystem({ env: () => ({ PUBLIC_URL: 'https://metropotes.example.org' }) });
    });
    afterAll(() => system?.stop());

    it('names the PUBLIC_URL the system was given', async () => {
      const member = await system.signUp();
      const feed = await system.gql<{ me: { calendarFeedUrl: string } }>('{ me { calendarFeedUrl } }', {}, member.token);
      expect(feed.data!.me.calendarFeedUrl).toMatch(/^https:\/\/metropotes\.example\.org\/calendar\/[A-Za-z0-9_-]+\.ics$/);
      const reset = await system.gql<{ resetMyCalendarFeed: { calendarFeedUrl: string } }>(
        'mutation { resetMyCalendarFeed { calendarFeedUrl } }',
        {},
        member.token,
      );
      expect(reset.data!.resetMyCalendarFeed.calendarFeedUrl).toMatch(/^https:\/\/metropotes\.example\.org\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    });
  });
});
