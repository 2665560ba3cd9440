import { formatParisTime, parisDay } from '@metropotes/french-time';
import type { TestMember, TestSystem } from '@metropotes/test-kit';
import type { ParsedMail } from 'mailparser';
import { runStaffDigest } from '../src/jobs/staff-digest.job';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import { createEvent, gqlData, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const DAY = 86_400_000;
const PUBLIC_URL = 'https://metropotes.example.org';

/**
 * Issue #20, « People learn what happened to what they did »: proposers (events, fiches), sanctioned members, reporters
 * who asked, and the staff's daily digest. Everything goes through the gateway to the real services, the outboxes,
 * Redis, the workers and a real SMTP server; the e-mails are parsed as they arrived.
 */
describe('notifications: proposers, sanctions, reporters, staff digest (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let runtime: WorkersRuntime;
  let sink: SmtpSink;
  let staff: TestMember;
  let quietStaff: TestMember;
  let admin: TestMember;

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true, env: { MODERATION_CONTACT_EMAIL: 'contester@metropop.example.org' } });
    ({ system, runtime } = harness);
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF', displayName: 'Inès Animation' });
    quietStaff = await system.signUp({ role: 'STAFF', displayName: 'Paul Discret' });
    admin = await system.signUp({ role: 'ADMIN', displayName: 'Ada Admin' });
  });

  afterAll(() => harness?.stop());

  const gqlOk = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => gqlData<T>(system, query, variables, token);

  /** The e-mail of this dedupe key, once the workers sent it, as the SMTP server received it. */
  async function delivered(dedupeKey: string): Promise<ParsedMail> {
    const row = await waitFor(`e-mail ${dedupeKey} sent`, async () => {
      const { rows } = await system.db.query<{ id: string; state: string }>(`SELECT id, state FROM workers.emails WHERE dedupe_key = $1`, [
        dedupeKey,
      ]);
      return rows[0]?.state === 'sent' ? rows[0] : null;
    });
    return waitFor(`e-mail ${dedupeKey} at the SMTP server`, async () => sink.byEmailId(row.id)[0]);
  }

  const keys = async (like: string): Promise<string[]> =>
    (
      await system.db.query<{ dedupe_key: string }>(`SELECT dedupe_key FROM workers.emails WHERE dedupe_key LIKE $1 ORDER BY dedupe_key`, [like])
    ).rows.map((r) => r.dedupe_key);

  const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;

  describe('staff digest', () => {
    it('is not sent when nothing waits; sent once a day to each staff member and admin who did not turn it off, with counts and links', async () => {
      // Nothing waits: every newcomer welcomed (the staff accounts are newcomers too).
      const newcomers = await gqlOk<{ newcomers: { edges: { node: { id: string } }[] } }>(
        `query N { newcomers(first: 100) { edges { node { id } } } }`,
        {},
        staff.token,
      );
      await gqlOk(
        `mutation W($ids: [ID!]!) { welcomeMembers(memberIds: $ids) { id } }`,
        { ids: newcomers.newcomers.edges.map((e) => e.node.id) },
        staff.token,
      );
      const quietDay = new Date(system.clock.now().getTime() + DAY);
      const nothing = await runStaffDigest(runtime, quietDay);
      expect(Object.values(nothing.waiting).every((n) => n === 0)).toBe(true);
      expect(nothing).toMatchObject({ recipients: 3, created: 0 });
      expect(await keys('staff-digest:%')).toEqual([]);

      // Paul turns it off (a staff preference; members cannot set it).
      const prefs = await gqlOk<{ updateMyNotificationPreferences: { notificationPreferences: { staffDigest: boolean } } }>(
        `mutation P { updateMyNotificationPreferences(input: { staffDigest: false }) { notificationPreferences { staffDigest } } }`,
        {},
        quietStaff.token,
      );
      expect(prefs.updateMyNotificationPreferences.notificationPreferences.staffDigest).toBe(false);
      const member = await system.signUp({ displayName: 'Nora Proposante' });
      const refused = await system.gql(`mutation P { updateMyNotificationPreferences(input: { staffDigest: true }) { id } }`, {}, member.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      // Something waits: a proposed event, and Nora herself, a newcomer.
      await createEvent(system, member.token, { title: 'Atelier compost partagé' });
      const day = new Date(quietDay.getTime() + DAY);
      const result = await runStaffDigest(runtime, day);
      expect(result.waiting).toMatchObject({ eventsToReview: 1, newcomersToWelcome: 1, openCases: 0, fichesToReview: 0, deadJobs: 0 });
      expect(result).toMatchObject({ day: parisDay(day), recipients: 2, created: 2 });
      const mail = await delivered(`staff-digest:${staff.id}:${parisDay(day)}`);
      expect(to(mail)).toBe(staff.email);
      expect(mail.subject).toBe(`Ce qui attend l'équipe ce ${formatParisTime(day, { style: 'date', now: day })} – Les Métropotes`);
      expect(mail.text).toContain('Événements proposés à relire : 1');
      expect(mail.text).toContain(`${PUBLIC_URL}/equipe/evenements`);
      expect(mail.text).toContain('Nouveaux membres à accueillir : 1');
      expect(mail.text).toContain(`${PUBLIC_URL}/equipe/accueil`);
      expect(mail.text).not.toContain('Signalements ouverts');
      expect(mail.html).toContain(`href="${PUBLIC_URL}/equipe/evenements"`);
      await delivered(`staff-digest:${admin.id}:${parisDay(day)}`);
      // Once a day: running it again writes nothing; Paul, who turned it off, gets none.
      expect(await runStaffDigest(runtime, new Date(day.getTime() + 60_000))).toMatchObject({ created: 0 });
      expect(await keys(`staff-digest:${quietStaff.id}:%`)).toEqual([]);
      expect(await keys('staff-digest:%')).toHaveLength(2);
    });
  });

  describe('proposers', () => {
    it('an event published, an event refused: its organizer is told, with the reason', async () => {
      const organizer = await system.signUp({ displayName: 'Moussa Organisateur' });
      const published = await createEvent(system, organizer.token, { title: 'Îlots de chaleur à Bobigny' });
      const refused = await createEvent(system, organizer.token, { title: 'Vente de gâteaux' });
      await gqlOk(`mutation P($id: ID!) { publishEvent(id: $id) { id status } }`, { id: published.id }, staff.token);
      await gqlOk(
        `mutation R($id: ID!) { rejectEvent(id: $id, reason: "Il manque l'adresse exacte de la salle.") { id status } }`,
        { id: refused.id },
        staff.token,
      );

      const [yes] = await waitFor('published e-mail', async () =>
        (await keys(`proposal:EVENT:${published.id}:PUBLISHED:%`)).length ? keys(`proposal:EVENT:${published.id}:PUBLISHED:%`) : null,
      );
      const mailYes = await delivered(yes!);
      expect(to(mailYes)).toBe(organizer.email);
      expect(mailYes.subject).toBe('Publié : Îlots de chaleur à Bobigny – Les Métropotes');
      expect(mailYes.text).toContain('a relu et publié votre événement « Îlots de chaleur à Bobigny »');
      expect(mailYes.text).toContain(`${PUBLIC_URL}/evenements/${published.id}`);

      const [no] = await waitFor('refused e-mail', async () =>
        (await keys(`proposal:EVENT:${refused.id}:REJECTED:%`)).length ? keys(`proposal:EVENT:${refused.id}:REJECTED:%`) : null,
      );
      const mailNo = await delivered(no!);
      expect(to(mailNo)).toBe(organizer.email);
      expect(mailNo.subject).toBe('Non publié : Vente de gâteaux – Les Métropotes');
      expect(mailNo.text).toContain("Motif donné par l'équipe : Il manque l'adresse exacte de la salle.");
      expect(mailNo.text).toContain(`${PUBLIC_URL}/evenements/${refused.id}`);
      // Staff's own event, published at once, tells nobody.
      const own = await createEvent(system, staff.token, { title: 'Pot du pote', draft: true });
      await gqlOk(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: own.id }, staff.token);
      expect(await keys(`proposal:EVENT:${own.id}:%`)).toEqual([]);
    });

    it('a fiche sent back with a note, then published: its author is told each time', async () => {
      const author = await system.signUp({ displayName: 'Jean-Pierre Auteur' });
      const created = await gqlOk<{ createGuideArticle: { id: string; slug: string } }>(
        `mutation C($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id slug } }`,
        { input: { title: 'Monter une amicale de locataires', summary: 'Se regrouper pour peser face au bailleur.', body: 'Réunir les voisins.' } },
        author.token,
      );
      const { id, slug } = created.createGuideArticle;
      const submit = () => gqlOk(`mutation S($id: ID!) { submitGuideArticle(id: $id) { id } }`, { id }, author.token);
      await submit();
      await gqlOk(
        `mutation R($id: ID!) { returnGuideArticleToDraft(id: $id, reason: "Ajoutez les étapes de la déclaration en préfecture.") { id } }`,
        { id },
        staff.token,
      );
      const [back] = await waitFor('sent-back e-mail', async () =>
        (await keys(`proposal:GUIDE_ARTICLE:${id}:REJECTED:%`)).length ? keys(`proposal:GUIDE_ARTICLE:${id}:REJECTED:%`) : null,
      );
      const mailBack = await delivered(back!);
      expect(to(mailBack)).toBe(author.email);
      expect(mailBack.subject).toBe('À reprendre : Monter une amicale de locataires – Les Métropotes');
      expect(mailBack.text).toContain("Motif donné par l'équipe : Ajoutez les étapes de la déclaration en préfecture.");

      await submit();
      await gqlOk(`mutation P($id: ID!) { publishGuideArticle(id: $id) { id } }`, { id }, staff.token);
      const [yes] = await waitFor('published e-mail', async () =>
        (await keys(`proposal:GUIDE_ARTICLE:${id}:PUBLISHED:%`)).length ? keys(`proposal:GUIDE_ARTICLE:${id}:PUBLISHED:%`) : null,
      );
      const mailYes = await delivered(yes!);
      expect(mailYes.subject).toBe('Publié : Monter une amicale de locataires – Les Métropotes');
      expect(mailYes.text).toContain(`${PUBLIC_URL}/guide/${slug}`);
      expect(await keys(`proposal:GUIDE_ARTICLE:${id}:%`)).toHaveLength(2);
    });
  });

  describe('moderation', () => {
    const report = (token: string, targetId: string, notifyOutcome?: boolean) =>
      gqlOk<{ reportContent: { id: string; notifyOutcome: boolean } }>(
        `mutation R($input: ReportContentInput!) { reportContent(input: $input) { id notifyOutcome } }`,
        {
          input: {
            targetType: 'MEMBER',
            targetId,
            reason: 'HARASSMENT',
            details: 'Messages insistants.',
            ...(notifyOutcome === undefined ? {} : { notifyOutcome }),
          },
        },
        token,
      );

    async function decide(targetId: string, input: Record<string, unknown>): Promise<string> {
      const queue = await gqlOk<{ moderationQueue: { edges: { node: { id: string } }[] } }>(
        `query Q($id: ID!) { moderationQueue(filter: { targetId: $id, status: OPEN }) { edges { node { id } } } }`,
        { id: targetId },
        staff.token,
      );
      const decided = await gqlOk<{ decideCase: { decisions: { id: string }[] } }>(
        `mutation D($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { decisions { id } } }`,
        { caseId: queue.moderationQueue.edges[0]!.node.id, input },
        staff.token,
      );
      return decided.decideCase.decisions.at(-1)!.id;
    }

    it('a warning: the member is told the decision, the reason and whom to write to; the reporter who asked hears the outcome, the other nothing', async () => {
      const target = await system.signUp({ displayName: 'Bruno Averti' });
      const asking = await system.signUp({ displayName: 'Awa Vigilante' });
      const silent = await system.signUp({ displayName: 'Samia Discrète' });
      expect((await report(asking.token, target.id, true)).reportContent.notifyOutcome).toBe(true);
      expect((await report(silent.token, target.id)).reportContent.notifyOutcome).toBe(false);
      const decisionId = await decide(target.id, { action: 'WARN', reason: 'Messages répétés à une autre membre malgré sa demande.' });

      const warned = await delivered(`sanction:${decisionId}`);
      expect(to(warned)).toBe(target.email);
      expect(warned.subject).toBe('Avertissement – Les Métropotes');
      expect(warned.text).toContain("L'équipe d'animation vous adresse un avertissement.");
      expect(warned.text).toContain('Motif : Messages répétés à une autre membre malgré sa demande.');
      expect(warned.text).toContain('Cet avertissement ne limite pas votre compte');
      expect(warned.text).toContain('contester en écrivant à contester@metropop.example.org');

      const outcome = await delivered(`report-outcome:${decisionId}:${asking.id}`);
      expect(to(outcome)).toBe(asking.email);
      expect(outcome.subject).toBe('Votre signalement a été examiné – Les Métropotes');
      expect(outcome.text).toContain('Vous avez signalé un compte de membre');
      expect(outcome.text).toContain('a pris des mesures auprès de la personne concernée');
      // Not the sanctioned person's details: neither the reason nor their name.
      expect(outcome.text).not.toContain('Messages répétés');
      expect(outcome.text).not.toContain('Bruno');
      // Written in the same step as the opted-in reporter's: the other reporter got nothing.
      expect(await keys(`report-outcome:${decisionId}:%`)).toEqual([`report-outcome:${decisionId}:${asking.id}`]);
      expect(sink.messages.filter((m) => to(m) === silent.email).map((m) => m.subject)).toEqual(['Confirmez votre adresse e-mail – Les Métropotes']);
    });

    it('a suspension: the member is told until when (Paris time), once per decision', async () => {
      const target = await system.signUp({ displayName: 'Carl Suspendu' });
      const reporter = await system.signUp();
      await report(reporter.token, target.id);
      const until = new Date(system.clock.now().getTime() + 14 * DAY);
      until.setUTCSeconds(0, 0);
      const decisionId = await decide(target.id, {
        action: 'SUSPEND',
        reason: 'Propos injurieux lors du pot du pote.',
        suspendedUntil: until.toISOString(),
      });
      const mail = await delivered(`sanction:${decisionId}`);
      expect(to(mail)).toBe(target.email);
      expect(mail.subject).toBe('Compte suspendu – Les Métropotes');
      expect(mail.text).toContain('Motif : Propos injurieux lors du pot du pote.');
      expect(mail.text).toContain(`La suspension dure jusqu'au ${formatParisTime(until)} (heure de Paris)`);
      expect(mail.text).toContain('contester@metropop.example.org');
      // The job again (a re-run, a relay twice) writes nothing more.
      await runtime.jobs.enqueue('moderation.decided', { decisionId }, { jobId: `decision-notice-again-${decisionId}` });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await keys(`sanction:${decisionId}%`)).toEqual([`sanction:${decisionId}`]);
      expect(sink.messages.filter((m) => to(m) === target.email && m.subject === mail.subject)).toHaveLength(1);
      expect(await keys(`report-outcome:${decisionId}:%`)).toEqual([]);
    });
  });
});
