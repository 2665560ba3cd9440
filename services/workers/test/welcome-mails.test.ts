import type { TestMember, TestSystem } from '@metropotes/test-kit';
import type { ParsedMail } from 'mailparser';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import { createEvent, gqlData, sleep, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const PUBLIC_URL = 'https://metropotes.example.org';
const HOUR = 3_600_000;

/**
 * The welcome e-mail (issue #19), end to end: members asks for it when the address is first confirmed (outbox), the
 * workers read the member's commune and buddy and the next pot du pote nearest the commune through the gateway, write
 * it once and deliver it to a real SMTP server. Then the buddy e-mail when staff assign one. The clock is fixed
 * (Monday 30 November 2026, 10:00 in Paris) since dates are asserted as text.
 */
describe('welcome and buddy e-mails (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let sink: SmtpSink;
  let runtime: WorkersRuntime;
  let staff: TestMember;
  /** Thursday 3 December 2026, 18:30 in Paris: the pot du pote of L'Île-Saint-Denis (93039, Plaine Commune). */
  const islePot = new Date('2026-12-03T17:30:00Z');
  /** Tuesday 1 December 2026, 19:00 in Paris: the pot du pote of Saint-Denis (93066, Plaine Commune), sooner. */
  const saintDenisPot = new Date('2026-12-01T18:00:00Z');
  let islePotId: string;
  let saintDenisPotId: string;

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true, now: new Date('2026-11-30T09:00:00Z') });
    ({ system, runtime } = harness);
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF' });
  }, 60_000);

  afterAll(() => harness?.stop());

  const template = (m: ParsedMail) => m.headers.get('x-metropotes-template');
  const mailsTo = (member: TestMember, name: string) =>
    sink.messages.filter((m) => template(m) === name && JSON.stringify(m.to ?? '').includes(member.email));
  const mailTo = (member: TestMember, name: string) => waitFor(`${name} e-mail to ${member.email}`, async () => mailsTo(member, name)[0]);

  /** Confirms the member's address with the link of their verification e-mail, as they would. */
  async function verify(member: TestMember): Promise<void> {
    const message = await mailTo(member, 'verify-email');
    const token = /verifier-email\?token=([A-Za-z0-9_-]+)/.exec(message.text ?? '')?.[1];
    expect(token).toBeTruthy();
    await gqlData(system, `mutation V($t: String!) { verifyEmail(token: $t) { id } }`, { t: token });
  }

  const pot = (communeCode: string, title: string, startsAt: Date) =>
    createEvent(
      system,
      staff.token,
      { title, kind: 'POT_DU_POTE', venue: { name: 'Le Café des Potes', address: '2 quai de la Marine', communeCode } },
      startsAt,
    );

  it('no pot du pote announced: the welcome, sent only once the address is confirmed, says so and links to the agenda', async () => {
    // An atelier is not a pot du pote.
    await createEvent(system, staff.token, { title: 'Atelier compost' }, new Date(islePot.getTime() - 24 * HOUR));
    const awa = await system.signUp({ displayName: 'Awa Diallo', communeCode: '93039' });
    await mailTo(awa, 'verify-email');
    await sleep(500);
    // No welcome to an address not confirmed: the verification e-mail is the only one.
    expect(mailsTo(awa, 'welcome')).toHaveLength(0);
    await verify(awa);
    const welcome = await mailTo(awa, 'welcome');
    expect(welcome.subject).toBe('Bienvenue chez Les Métropotes !');
    expect(welcome.text).toContain("Aucun n'est encore annoncé à l'agenda");
    expect(welcome.text).toContain(`${PUBLIC_URL}/agenda`);
    expect(welcome.text).not.toContain('inscription=1');
    expect(welcome.text).not.toContain('Atelier compost');
  });

  it('names the next pot du pote of the commune first, even when one of its territory is sooner, with its one-click link', async () => {
    islePotId = (await pot('93039', "Pot du pote de L'Île-Saint-Denis", islePot)).id;
    saintDenisPotId = (await pot('93066', 'Pot du pote de Saint-Denis', saintDenisPot)).id;
    const moussa = await system.signUp({ displayName: 'Moussa Traoré', communeCode: '93039' });
    await verify(moussa);
    const welcome = await mailTo(moussa, 'welcome');
    expect(welcome.text).toContain(
      `Le prochain dans votre commune, L'Île-Saint-Denis : « Pot du pote de L'Île-Saint-Denis », jeudi 3 décembre à 18 h 30, Le Café des Potes`,
    );
    expect(welcome.text).toContain(`${PUBLIC_URL}/evenements/${islePotId}?inscription=1`);
    expect(welcome.html).toContain(`href="${PUBLIC_URL}/evenements/${islePotId}?inscription=1"`);
    expect(welcome.text).not.toContain(saintDenisPotId);
  });

  it("without one in the commune, names the territory's soonest; outside the territory, the Métropole's", async () => {
    const samia = await system.signUp({ displayName: 'Samia Benali', communeCode: '93001' }); // Aubervilliers, Plaine Commune
    const lucas = await system.signUp({ displayName: 'Lucas Petit', communeCode: '94081' }); // Vitry-sur-Seine, Grand-Orly Seine Bièvre
    await verify(samia);
    await verify(lucas);
    const toSamia = await mailTo(samia, 'welcome');
    expect(toSamia.text).toContain('Le prochain dans votre territoire, Plaine Commune : « Pot du pote de Saint-Denis », mardi 1er décembre à 19 h');
    expect(toSamia.text).toContain(`${PUBLIC_URL}/evenements/${saintDenisPotId}?inscription=1`);
    const toLucas = await mailTo(lucas, 'welcome');
    expect(toLucas.text).toContain('Le prochain dans la Métropole : « Pot du pote de Saint-Denis », mardi 1er décembre à 19 h');
  });

  it('exactly one welcome, even when its job runs again', async () => {
    const yanis = await system.signUp({ displayName: 'Yanis Martin', communeCode: '93039' });
    await verify(yanis);
    await mailTo(yanis, 'welcome');
    // The same request again (another job id: BullMQ would otherwise keep the first), and a reset that confirms again.
    await runtime.jobs.enqueue(
      'email.requested',
      { template: 'welcome', memberId: yanis.id, dedupeKey: `welcome:${yanis.id}`, params: {} },
      { jobId: `again-${yanis.id}` },
    );
    await waitFor('second job done', async () => (await runtime.jobs.queue('mail').getJob(`again-${yanis.id}`))?.finishedOn);
    await sleep(500);
    expect(mailsTo(yanis, 'welcome')).toHaveLength(1);
    const rows = await system.db.query(`SELECT id FROM workers.emails WHERE template = 'welcome' AND member_id = $1`, [yanis.id]);
    expect(rows.rows).toHaveLength(1);
    const outbox = await system.db.query(`SELECT job_id FROM members.job_outbox WHERE job_id = $1`, [`email-welcome-${yanis.id}`]);
    expect(outbox.rows).toHaveLength(1);
  });

  const ASSIGN = `mutation A($m: ID!, $b: ID!) { assignBuddy(memberId: $m, buddyId: $b) { id buddy { id } } }`;

  it('staff assign a buddy to a welcomed newcomer: a short e-mail names the buddy and links to their profile, once', async () => {
    const buddy = await system.signUp({ displayName: 'Jean-Pierre Roux', communeCode: '93066' });
    await system.db.query(`UPDATE members.members SET welcome_status = 'WELCOMED' WHERE id = $1`, [buddy.id]);
    const nadia = await system.signUp({ displayName: 'Nadia Kaci', communeCode: '93039' });
    await verify(nadia);
    const welcome = await mailTo(nadia, 'welcome');
    expect(welcome.text).not.toContain('Jean-Pierre Roux');
    await gqlData(system, ASSIGN, { m: nadia.id, b: buddy.id }, staff.token);
    const mail = await mailTo(nadia, 'buddy-assigned');
    expect(mail.subject).toBe('Jean-Pierre Roux sera votre binôme – Les Métropotes');
    expect(mail.text).toContain(`${PUBLIC_URL}/membres/${buddy.id}`);
    // The same buddy again changes nothing, and writes nothing.
    await gqlData(system, ASSIGN, { m: nadia.id, b: buddy.id }, staff.token);
    await sleep(500);
    expect(mailsTo(nadia, 'buddy-assigned')).toHaveLength(1);
  });

  it('a buddy assigned before the address is confirmed: no buddy e-mail, the welcome names them', async () => {
    const buddy = await system.signUp({ displayName: 'Fatou Sow', communeCode: '93039' });
    await system.db.query(`UPDATE members.members SET welcome_status = 'WELCOMED' WHERE id = $1`, [buddy.id]);
    const ines = await system.signUp({ displayName: 'Inès Haddad', communeCode: '93039' });
    await gqlData(system, ASSIGN, { m: ines.id, b: buddy.id }, staff.token);
    await verify(ines);
    const welcome = await mailTo(ines, 'welcome');
    expect(welcome.text).toContain('Fatou Sow, un·e Métropote déjà engagé·e dans le réseau, sera votre binôme');
    expect(welcome.text).toContain(`${PUBLIC_URL}/membres/${buddy.id}`);
    await sleep(500);
    expect(mailsTo(ines, 'buddy-assigned')).toHaveLength(0);
  });
});
