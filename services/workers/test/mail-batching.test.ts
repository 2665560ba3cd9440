import type { TestMember, TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { SystemGateway } from '../src/gateway/system-gateway';
import { welcomeMail, welcomeParams } from '../src/mail/welcome-params';
import type { WorkersRuntime } from '../src/runtime';
import { startCountingGateway, type CountingGateway } from './support/counting-gateway';
import type { SmtpSink } from './support/smtp-sink';
import { sleep, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

/**
 * The reads of concurrent e-mail jobs share gateway requests (issue #22): the members-for-mail read, the welcome's
 * member read and the agenda pages are batched per process, never cached. Counted by a proxy in front of the real
 * gateway; the e-mails go to a real SMTP sink, each once, each to its own member.
 */
describe('batched reads of e-mail jobs (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let runtime: WorkersRuntime;
  let sink: SmtpSink;
  let counting: CountingGateway;
  let gateway: SystemGateway;
  const members: TestMember[] = [];

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true, env: { MAIL_RATE_PER_SECOND: '1000' } });
    ({ system, runtime } = harness);
    sink = harness.sink!;
    counting = await startCountingGateway(harness.config.gatewayUrl);
    gateway = new SystemGateway(counting.url, harness.config.systemPrivateKey);
    // Two communes of Plaine Commune and one of Grand-Orly Seine Bièvre.
    for (const [i, communeCode] of ['93039', '93039', '93066', '94081'].entries()) {
      members.push(await system.signUp({ displayName: `Lot ${i}`, communeCode }));
    }
  }, 120_000);

  afterAll(async () => {
    await counting?.stop();
    await harness?.stop();
  });

  it('concurrent members-for-mail reads: one request, each answer to its own caller; nothing cached', async () => {
    counting.reset();
    const unknown = randomUUID();
    const answers = await Promise.all([...members.map((m) => gateway.memberForMail(m.id)), gateway.memberForMail(unknown)]);
    expect(answers.map((a) => a?.email ?? null)).toEqual([...members.map((m) => m.email), null]);
    expect(answers.map((a) => a?.id ?? null)).toEqual([...members.map((m) => m.id), null]);
    expect(counting.counts()).toEqual({ WorkerMembersForMail: 1 });

    // Read again after the address changed: a new request, the new address.
    const [first] = members;
    const changed = `autre-${randomUUID().slice(0, 8)}@example.org`;
    await system.db.query(`UPDATE members.members SET email = $2 WHERE id = $1`, [first!.id, changed]);
    try {
      expect((await gateway.memberForMail(first!.id))?.email).toBe(changed);
      expect(counting.counts()).toEqual({ WorkerMembersForMail: 2 });
    } finally {
      await system.db.query(`UPDATE members.members SET email = $2 WHERE id = $1`, [first!.id, first!.email]);
    }
  });

  it("concurrent welcomes: one request for the members, one per distinct agenda page, each member's own commune", async () => {
    counting.reset();
    const rt: WorkersRuntime = { ...runtime, gateway };
    const params = await Promise.all(members.map((m) => welcomeParams(rt, m.id)));
    expect(params.map((p) => p?.communeName)).toEqual(["L'Île-Saint-Denis", "L'Île-Saint-Denis", 'Saint-Denis', 'Vitry-sur-Seine']);
    expect(params.map((p) => p?.territoryName)).toEqual(['Plaine Commune', 'Plaine Commune', 'Plaine Commune', 'Grand-Orly Seine Bièvre']);
    const counts = counting.counts();
    expect(counts.WorkerWelcomeMembers).toBe(1);
    // No pot du pote announced: each member's search goes commune → territory → Métropole. Distinct pages: 3
    // communes, 2 territories, the Métropole (6), where one request per member and step would be 12.
    expect(counts.WorkerNextEvents).toBe(6);
    expect(await welcomeParams(rt, randomUUID())).toBeNull();
  });

  it('concurrent welcome e-mails: their addresses come with their communes and buddies, in the same request; one system token for all', async () => {
    counting.reset();
    const rt: WorkersRuntime = { ...runtime, gateway };
    const unknown = randomUUID();
    const read = await Promise.all([...members.map((m) => welcomeMail(rt, m.id)), welcomeMail(rt, unknown)]);
    expect(read.map((r) => r.contact?.email ?? null)).toEqual([...members.map((m) => m.email), null]);
    expect(read.map((r) => r.contact?.displayName ?? null)).toEqual([...members.map((_, i) => `Lot ${i}`), null]);
    expect(read.map((r) => r.params?.communeName ?? null)).toEqual([
      "L'Île-Saint-Denis",
      "L'Île-Saint-Denis",
      'Saint-Denis',
      'Vitry-sur-Seine',
      null,
    ]);
    // One members request for the addresses and the members (no `systemMembersForMail` of its own), then the agenda
    // pages: 3 communes, 2 territories, the Métropole.
    expect(counting.counts()).toEqual({ WorkerWelcomeMembers: 1, WorkerNextEvents: 6 });
    // Seven requests, one token: signed once, checked once by the gateway and members.
    expect(counting.tokens()).toBe(1);
  });

  it('e-mails requested at once: each sent once, to its own member, also when a job is asked twice', async () => {
    const run = randomUUID().slice(0, 8);
    const key = (m: TestMember) => `lot-${run}:${m.id}`;
    const payload = (m: TestMember) => ({ template: 'welcome' as const, memberId: m.id, dedupeKey: key(m), params: {} });
    await Promise.all([
      ...members.map((m) => runtime.jobs.enqueue('email.requested', payload(m))),
      // The same e-mail asked again (another job): the ledger's dedupe key keeps it to one row, one message.
      runtime.jobs.enqueue('email.requested', payload(members[0]!), { jobId: `again-${run}` }),
    ]);
    const rows = await waitFor('every e-mail sent', async () => {
      const { rows: sent } = await system.db.query<{ id: string; member_id: string; to_address: string }>(
        `SELECT id, member_id, to_address FROM workers.emails WHERE dedupe_key LIKE $1 AND state = 'sent'`,
        [`lot-${run}:%`],
      );
      return sent.length === members.length ? sent : null;
    });
    await waitFor('the second job done', async () => (await runtime.jobs.queue('mail').getJob(`again-${run}`))?.finishedOn);
    await sleep(300);
    for (const member of members) {
      const row = rows.find((r) => r.member_id === member.id)!;
      expect(row.to_address).toBe(member.email);
      const messages = sink.byEmailId(row.id);
      expect(messages).toHaveLength(1);
      expect(JSON.stringify(messages[0]!.to)).toContain(member.email);
      expect(messages[0]!.text).toContain(`Lot ${members.indexOf(member)}`);
    }
  });
});
