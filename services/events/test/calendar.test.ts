import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent, DAY, firstError } from './helpers';

describe('iCalendar feeds', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    member = await system.signUp();
    other = await system.signUp();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const origin = () => system.subgraphs.events.url.replace(/\/graphql$/, '');
  const fetchFeed = (path: string, secret: string | null = system.env.EVENTS_GATEWAY_SECRET!) =>
    fetch(`${origin()}${path}`, { headers: secret ? { 'x-gateway-secret': secret } : {} });
  /** Unfolds the content lines (RFC 5545 folds lines at 75 octets). */
  const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
  const vevents = (text: string) => unfold(text).split('BEGIN:VEVENT').slice(1);

  it('serves the public agenda in Europe/Paris time, with stable UIDs and cancelled events marked', async () => {
    // Dates of a year to come (its winter and its summer), whatever the run's date.
    const year = system.clock.now().getUTCFullYear() + 2;
    const winter = await createEvent(system, staff.token, {
      title: 'Métrokawa logement',
      kind: 'DEBAT',
      startsAt: `${year}-01-10T18:00:00.000Z`,
      endsAt: `${year}-01-10T20:00:00.000Z`,
      venue: { name: 'Bourse du travail', communeCode: '93066' },
    });
    const summer = await createEvent(system, staff.token, {
      title: 'Pot du pote estival',
      kind: 'POT_DU_POTE',
      startsAt: `${year}-06-13T17:00:00.000Z`,
      endsAt: `${year}-06-13T19:00:00.000Z`,
      venue: { name: 'Parc', communeCode: '75056' },
    });
    const cancelled = await createEvent(system, staff.token, {
      title: 'Atelier annulé',
      startsAt: `${year}-02-01T09:00:00.000Z`,
      endsAt: `${year}-02-01T11:00:00.000Z`,
    });
    await system.gql(`mutation C($id: ID!) { cancelEvent(id: $id, reason: "Grève des transports") { id } }`, { id: cancelled.id }, staff.token);
    await createEvent(system, member.token, { title: 'Proposition privée' });

    const res = await fetchFeed('/calendar.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const body = await res.text();
    const text = unfold(body);
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain('TZID:Europe/Paris');
    expect(text).toContain(`UID:${winter.id}@metropotes`);
    expect(text).toContain(`DTSTART;TZID=Europe/Paris:${year}0110T190000`);
    expect(text).toContain(`DTEND;TZID=Europe/Paris:${year}0110T210000`);
    expect(text).toContain(`DTSTART;TZID=Europe/Paris:${year}0613T190000`);
    expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(text).toContain('X-WR-TIMEZONE:Europe/Paris');
    expect(text).not.toContain('Proposition privée');
    const cancelledEvent = vevents(body).find((v) => v.includes(`UID:${cancelled.id}@metropotes`))!;
    expect(cancelledEvent).toContain('STATUS:CANCELLED');
    expect(vevents(body).find((v) => v.includes(`UID:${summer.id}@metropotes`))).toContain('STATUS:CONFIRMED');

    // The UID stays the same from one download to the next.
    expect(unfold(await (await fetchFeed('/calendar.ics')).text())).toContain(`UID:${winter.id}@metropotes`);

    // Filters.
    const saintDenis = unfold(await (await fetchFeed('/calendar.ics?commune=93066')).text());
    expect(saintDenis).toContain('Métrokawa logement');
    expect(saintDenis).not.toContain('Pot du pote estival');
    const paris = unfold(await (await fetchFeed('/calendar.ics?territory=75056')).text());
    expect(paris).toContain('Pot du pote estival');
    expect(paris).not.toContain('Métrokawa logement');
    const pots = unfold(await (await fetchFeed('/calendar.ics?kind=POT_DU_POTE')).text());
    expect(vevents(pots)).toHaveLength(1);
    expect((await fetchFeed('/calendar.ics?commune=00000')).status).toBe(400);
    expect((await fetchFeed('/calendar.ics?kind=FETE')).status).toBe(400);

    // Only the gateway may call the subgraph.
    expect((await fetchFeed('/calendar.ics', null)).status).toBe(401);
  });

  it('keeps the past month in the public feed and the past three months in a member feed, counted from now', async () => {
    const now = system.clock.now().getTime();
    /** A published event that ended `daysAgo` days before the run's now (written directly: the API refuses past starts). */
    const ended = async (title: string, daysAgo: number) =>
      (
        await system.db.query<{ id: string }>(
          `INSERT INTO events.events (title, kind, status, starts_at, ends_at, online_url, organizer_id, created_at, updated_at)
           VALUES ($1, 'ATELIER', 'PUBLISHED', $2::timestamptz - interval '2 hours', $2::timestamptz, 'https://example.org', $3, $4, $4) RETURNING id`,
          [title, new Date(now - daysAgo * DAY), staff.id, new Date(now - (daysAgo + 10) * DAY)],
        )
      ).rows[0]!.id;
    const threeWeeks = await ended('Atelier d’il y a trois semaines', 21);
    const twoMonths = await ended('Atelier d’il y a deux mois', 60);
    const fourMonths = await ended('Atelier d’il y a quatre mois', 120);
    const fan = await system.signUp();
    await system.db.query(
      `INSERT INTO events.registrations (event_id, member_id, status, created_at, updated_at)
       SELECT id, $2, 'CONFIRMED', $3, $3 FROM unnest($1::uuid[]) AS id`,
      [[threeWeeks, twoMonths, fourMonths], fan.id, new Date(now - 150 * DAY)],
    );

    const uids = (text: string) => vevents(text).map((v) => /UID:([0-9a-f-]{36})@metropotes/.exec(v)![1]);
    const publicFeed = uids(await (await fetchFeed('/calendar.ics')).text());
    expect(publicFeed).toContain(threeWeeks);
    expect(publicFeed).not.toContain(twoMonths);
    expect(publicFeed).not.toContain(fourMonths);

    const url = (await system.gql<{ me: { calendarFeedUrl: string } }>('{ me { calendarFeedUrl } }', {}, fan.token)).data!.me.calendarFeedUrl;
    const memberFeed = uids(await (await fetchFeed(new URL(url).pathname)).text());
    expect(memberFeed.sort()).toEqual([threeWeeks, twoMonths].sort());
  });

  it("serves a member's registrations at a private URL only they see, which they can renew", async () => {
    const going = await createEvent(system, staff.token, { title: 'Formation conseil citoyen' });
    const notGoing = await createEvent(system, staff.token, { title: 'Autre événement' });
    const register = await system.gql(`mutation R($id: ID!) { registerForEvent(eventId: $id) { status } }`, { id: going.id }, member.token);
    expect(register.errors).toBeUndefined();

    const FEED = `query M($id: ID!) { member(id: $id) { calendarFeedUrl } }`;
    const mine = await system.gql<{ member: { calendarFeedUrl: string | null } }>(FEED, { id: member.id }, member.token);
    expect(mine.errors).toBeUndefined();
    const url = mine.data!.member.calendarFeedUrl!;
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
    // Stable until renewed; hidden from others, staff included.
    expect((await system.gql<{ member: { calendarFeedUrl: string } }>(FEED, { id: member.id }, member.token)).data!.member.calendarFeedUrl).toBe(url);
    expect(
      (await system.gql<{ member: { calendarFeedUrl: string | null } }>(FEED, { id: member.id }, other.token)).data!.member.calendarFeedUrl,
    ).toBeNull();
    expect(
      (await system.gql<{ member: { calendarFeedUrl: string | null } }>(FEED, { id: member.id }, staff.token)).data!.member.calendarFeedUrl,
    ).toBeNull();

    const path = new URL(url).pathname;
    const feed = await fetchFeed(path);
    expect(feed.status).toBe(200);
    const text = unfold(await feed.text());
    expect(text).toContain(`UID:${going.id}@metropotes`);
    expect(text).not.toContain(notGoing.id);

    // Cancelled by its organizer: still in the feed, as cancelled.
    await system.gql(`mutation C($id: ID!) { cancelEvent(id: $id, reason: "Formatrice malade") { id } }`, { id: going.id }, staff.token);
    const afterCancel = vevents(await (await fetchFeed(path)).text());
    expect(afterCancel).toHaveLength(1);
    expect(afterCancel[0]).toContain('STATUS:CANCELLED');

    const reset = await system.gql<{ resetMyCalendarFeed: { id: string; calendarFeedUrl: string } }>(
      `mutation { resetMyCalendarFeed { id calendarFeedUrl } }`,
      {},
      member.token,
    );
    expect(reset.errors).toBeUndefined();
    expect(reset.data!.resetMyCalendarFeed.id).toBe(member.id);
    expect(reset.data!.resetMyCalendarFeed.calendarFeedUrl).not.toBe(url);
    expect((await fetchFeed(path)).status).toBe(404);
    expect((await fetchFeed(new URL(reset.data!.resetMyCalendarFeed.calendarFeedUrl).pathname)).status).toBe(200);
    expect(firstError(await system.gql(`mutation { resetMyCalendarFeed { id } }`))?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fetchFeed('/calendar/not-a-token.ics')).status).toBe(404);
  });
});
