import { ManualClock } from '@metropotes/config';
import { startTestSystem, testNow, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent, DAY } from './helpers';

const REGISTER = `mutation R($id: ID!) { registerForEvent(eventId: $id) { id } }`;
const MINE = `query M($upcoming: Boolean, $first: Int, $after: String) { me { registrations(upcoming: $upcoming, first: $first, after: $after) {
  totalCount edges { node { event { id } } } pageInfo { hasNextPage endCursor } } } }`;
type Page = {
  me: {
    registrations: { totalCount: number; edges: { node: { event: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
};

/** `Member.registrations`: upcoming ones soonest first, past ones newest first, page after page by cursor. */
describe('a member’s registrations, in the order people read them', () => {
  const clock = new ManualClock(testNow());
  let system: TestSystem;
  let member: TestMember;

  beforeAll(async () => {
    system = await startTestSystem({ clock });
    member = await system.signUp();
  });
  afterAll(() => system?.stop());

  /** Every page of `first`, following endCursor. */
  async function all(token: string, upcoming: boolean | null, first: number): Promise<{ ids: string[]; totals: number[] }> {
    const ids: string[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard += 1) {
      const res: { data?: Page | null; errors?: unknown } = await system.gql<Page>(MINE, { upcoming, first, after }, token);
      expect(res.errors).toBeUndefined();
      const page = res.data!.me.registrations;
      ids.push(...page.edges.map((edge) => edge.node.event.id));
      totals.push(page.totalCount);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { ids, totals };
  }

  it('lists upcoming registrations soonest first and past ones newest first', async () => {
    const staff = await system.signUp({ role: 'STAFF' });
    // Created out of order, so that neither creation nor id order is the answer.
    const at = async (days: number) => (await createEvent(system, staff.token, { title: `Atelier à J+${days}` }, days)).id;
    const d2 = await at(2);
    const d1 = await at(1);
    const d3 = await at(3);
    const d30 = await at(30);
    const d20 = await at(20);
    for (const id of [d2, d1, d3, d30, d20]) expect((await system.gql(REGISTER, { id }, member.token)).errors).toBeUndefined();

    // Five days later: three are over.
    clock.advance(5 * DAY);
    const logIn = await system.gql<{ logIn: { accessToken: string } }>(
      `mutation L($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }`,
      { email: member.email, password: member.password },
    );
    const token = logIn.data!.logIn.accessToken;

    for (const first of [1, 2, 10]) {
      expect(await all(token, false, first)).toMatchObject({ ids: [d3, d2, d1] });
      expect(await all(token, true, first)).toMatchObject({ ids: [d20, d30] });
    }
    expect((await all(token, false, 2)).totals).toEqual([3, 3]);
    // Without `upcoming`: every active registration by event start, oldest first.
    expect((await all(token, null, 2)).ids).toEqual([d1, d2, d3, d20, d30]);
  });
});
