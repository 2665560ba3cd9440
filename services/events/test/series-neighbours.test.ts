import { ManualClock } from '@metropotes/config';
import { startTestSystem, testNow, type TestMember, type TestSystem } from '@metropotes/test-kit';

const CREATE = `mutation S($input: CreateEventSeriesInput!) { createEventSeries(input: $input) {
  occurrences(first: 5) { edges { node { id startsAt } } }
} }`;
const NEIGHBOURS = `query N($id: ID!) { event(id: $id) { id previousOccurrence { id } nextOccurrence { id } } }`;
const DAY = 86_400_000;

describe("a series' occurrences link to each other", () => {
  const clock = new ManualClock(testNow());
  let system: TestSystem;
  let staff: TestMember;

  beforeAll(async () => {
    system = await startTestSystem({ clock });
    staff = await system.signUp({ role: 'STAFF' });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('gives the occurrence just before and just after, the finished ones included', async () => {
    const created = await system.gql<{ createEventSeries: { occurrences: { edges: { node: { id: string; startsAt: string } }[] } } }>(
      CREATE,
      {
        input: {
          title: 'Permanence',
          kind: 'MISSION',
          rrule: 'FREQ=WEEKLY;BYDAY=TH',
          startTime: '14:00',
          durationMinutes: 60,
          onlineUrl: 'https://visio.example.org/p',
        },
      },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    const [first, second, third] = created.data!.createEventSeries.occurrences.edges.map((edge) => edge.node);
    const neighbours = async (id: string, token?: string) =>
      (await system.gql<{ event: { previousOccurrence: { id: string } | null; nextOccurrence: { id: string } | null } }>(NEIGHBOURS, { id }, token))
        .data!.event;

    expect(await neighbours(first!.id)).toMatchObject({ previousOccurrence: null, nextOccurrence: { id: second!.id } });
    expect(await neighbours(second!.id)).toMatchObject({ previousOccurrence: { id: first!.id }, nextOccurrence: { id: third!.id } });

    // Two weeks later the first two have finished: the third still links back to the second.
    clock.set(new Date(new Date(second!.startsAt).getTime() + 2 * DAY));
    expect(await neighbours(third!.id)).toMatchObject({ previousOccurrence: { id: second!.id } });

    // A cancelled occurrence stays a date of the series.
    const cancelled = await system.gql(
      `mutation C($id: ID!) { cancelEvent(id: $id, reason: "Salle indisponible") { id } }`,
      { id: third!.id },
      staff.token,
    );
    expect(cancelled.errors).toBeUndefined();
    expect((await neighbours(second!.id)).nextOccurrence).toEqual({ id: third!.id });
  });
});
