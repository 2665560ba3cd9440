/**
 * The calendar feeds as a calendar client reads them: fetched from the gateway's host, parsed by an independent
 * iCalendar parser (node-ical), times resolved through the feed's own VTIMEZONE.
 */
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import ical, { type VEvent } from 'node-ical';
import { createEvent } from './helpers';

describe('iCalendar feeds read by an independent parser', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    member = await system.signUp();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');

  it('gives the right instants on both sides of a daylight-saving change, stable UIDs and cancellations', async () => {
    // Dates of a year to come (its winter and its summer), whatever the run's date.
    const year = system.clock.now().getUTCFullYear() + 2;
    const winter = await createEvent(system, staff.token, {
      title: 'Pot du pote d’hiver',
      kind: 'POT_DU_POTE',
      startsAt: `${year}-01-09T18:00:00.000Z`, // 19:00 in Paris (UTC+1)
      endsAt: `${year}-01-09T20:00:00.000Z`,
      venue: { name: 'Le Grand Bain', communeCode: '93039' },
    });
    const summer = await createEvent(system, staff.token, {
      title: 'Pot du pote d’été',
      kind: 'POT_DU_POTE',
      startsAt: `${year}-07-04T17:00:00.000Z`, // 19:00 in Paris (UTC+2)
      endsAt: `${year}-07-04T19:00:00.000Z`,
      venue: { name: 'Le Grand Bain', communeCode: '93039' },
    });
    const cancelled = await createEvent(system, staff.token, {
      title: 'Atelier reporté',
      startsAt: `${year}-03-05T09:00:00.000Z`,
      endsAt: `${year}-03-05T11:00:00.000Z`,
    });
    await system.gql(`mutation { cancelEvent(id: "${cancelled.id}", reason: "Salle indisponible") { id } }`, {}, staff.token);

    const fetchFeed = async () => {
      const response = await fetch(`${system.origin}/calendar.ics`);
      expect(response.status).toBe(200);
      return events(await response.text());
    };
    const first = await fetchFeed();
    const byTitle = new Map(first.map((e) => [String(e.summary), e]));
    expect(byTitle.get('Pot du pote d’hiver')?.start.toISOString()).toBe(`${year}-01-09T18:00:00.000Z`);
    expect(byTitle.get('Pot du pote d’hiver')?.end?.toISOString()).toBe(`${year}-01-09T20:00:00.000Z`);
    expect(byTitle.get('Pot du pote d’été')?.start.toISOString()).toBe(`${year}-07-04T17:00:00.000Z`);
    expect(byTitle.get('Annulé : Atelier reporté')?.status).toBe('CANCELLED');
    expect(byTitle.get('Pot du pote d’hiver')?.status).toBe('CONFIRMED');

    const second = await fetchFeed();
    expect(second.map((e) => e.uid).sort()).toEqual(first.map((e) => e.uid).sort());
    expect(new Set(first.map((e) => e.uid)).size).toBe(first.length);
    expect(first.map((e) => e.uid)).toEqual(expect.arrayContaining([expect.stringContaining(winter.id), expect.stringContaining(summer.id)]));
  });

  it("serves a member's own registrations on their secret feed, and nothing once it is reset", async () => {
    // A date of a year to come, whatever the run's date.
    const year = system.clock.now().getUTCFullYear() + 2;
    const event = await createEvent(system, staff.token, {
      title: 'Formation budget participatif',
      startsAt: `${year}-02-12T17:30:00.000Z`,
      endsAt: `${year}-02-12T19:30:00.000Z`,
    });
    await system.gql(`mutation { registerForEvent(eventId: "${event.id}") { id } }`, {}, member.token);
    const feedUrl = async () =>
      (await system.gql<{ me: { calendarFeedUrl: string } }>('{ me { calendarFeedUrl } }', {}, member.token)).data!.me.calendarFeedUrl;
    const url = await feedUrl();
    const path = new URL(url).pathname;

    const mine = events(await (await fetch(`${system.origin}${path}`)).text());
    expect(mine.map((e) => e.summary)).toEqual(['Formation budget participatif']);
    expect(mine[0]!.start.toISOString()).toBe(`${year}-02-12T17:30:00.000Z`);

    await system.gql('mutation { resetMyCalendarFeed { id } }', {}, member.token);
    expect((await fetch(`${system.origin}${path}`)).status).toBe(404);
    expect(await feedUrl()).not.toBe(url);
  });
});
