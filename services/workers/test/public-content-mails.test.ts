// Security review, item 2: members only ever get public content by e-mail. The workers read the agenda, the guide and
// the veille as the system; what they put in a digest (or its preview), a reminder, a cancellation or a promotion
// e-mail is what the public may see: never an event pending review, refused, in draft, cancelled (in "to come") or
// hidden by moderation; never a fiche in draft, in review, archived or hidden; never a veille item not selected,
// dismissed or hidden.
import type { TestMember, TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { digestKey, runDigest } from '../src/digest/digest-run';
import { parsePeriod } from '../src/digest/period';
import type { JobContext } from '../src/jobs/job-handler';
import { createHandlers } from '../src/jobs/registry';
import { reminderKey, scanReminders } from '../src/jobs/reminders-scan.job';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import { createEvent, gqlData, registerForEvent, sleep, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const HOUR = 3_600_000;
const SAINT_DENIS = '93066';

describe('members get public content only (digests, previews, reminders, event e-mails)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let runtime: WorkersRuntime;
  let sink: SmtpSink;
  let staff: TestMember;
  let newcomer: TestMember;
  let neighbour: TestMember;

  const now = () => system.clock.now();
  const ctx = (): JobContext => ({ jobId: 'direct', attempt: 1, maxAttempts: 1, log: harness.logger });
  const gqlOk = <T>(query: string, variables: Record<string, unknown>, token?: string) => gqlData<T>(system, query, variables, token);
  const mailWorker = () => harness.running.workers.find((w) => w.name === 'mail')!;

  /** A moderation decision applied as the workers apply it (the system, through the gateway). */
  const hide = (field: 'applyEventModerationAction' | 'applyGuideModerationAction', targetType: string, targetId: string) =>
    runtime.gateway.call(`mutation H($input: ApplyModerationActionInput!) { ${field}(input: $input) { appliedAt } }`, {
      input: { targetType, targetId, action: 'HIDE', decisionId: randomUUID() },
    });
  const hideEvent = (id: string) => hide('applyEventModerationAction', 'EVENT', id);

  /**
   * An event in Saint-Denis, `daysAhead` days from now, created by `member` (staff: published at once; others: pending
   * review). The reminder tests give each event its own day: a scan reads every event of the next 24 hours.
   */
  const saintDenisEvent = (member: TestMember, title: string, extra: Record<string, unknown> = {}, daysAhead = 3) =>
    createEvent(
      system,
      member.token,
      { title, venue: { name: 'Bourse du travail', communeCode: SAINT_DENIS }, ...extra },
      new Date(now().getTime() + daysAhead * 24 * HOUR),
    );

  const fiche = async (token: string, title: string) =>
    (
      await gqlOk<{ createGuideArticle: { id: string } }>(
        `mutation A($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id } }`,
        { input: { title, summary: 'Pas à pas.', body: 'Texte.', themes: ['BUDGET_PARTICIPATIF'], communeCodes: [SAINT_DENIS] } },
        token,
      )
    ).createGuideArticle.id;
  const ficheStep = (mutation: 'publishGuideArticle' | 'submitGuideArticle' | 'archiveGuideArticle', id: string, token = staff.token) =>
    gqlOk(`mutation P($id: ID!) { ${mutation}(id: $id) { id } }`, { id }, token);

  const submit = async (title: string) =>
    (
      await gqlOk<{ submitWatchItem: { id: string } }>(
        `mutation W($input: SubmitWatchItemInput!) { submitWatchItem(input: $input) { id } }`,
        { input: { url: `https://initiatives.example.org/${randomUUID()}`, title, communeCodes: [SAINT_DENIS], themes: ['BUDGET_PARTICIPATIF'] } },
        newcomer.token,
      )
    ).submitWatchItem.id;
  const curate = (id: string, status: 'SELECTED' | 'DISMISSED') =>
    gqlOk(`mutation S($id: ID!, $status: WatchItemStatus!) { curateWatchItem(id: $id, status: $status) { id } }`, { id, status }, staff.token);

  async function rows(where: string, params: unknown[]): Promise<{ id: string; dedupe_key: string; state: string; last_error: string | null }[]> {
    return (await system.db.query(`SELECT id, dedupe_key, state, last_error FROM workers.emails WHERE ${where} ORDER BY dedupe_key`, params)).rows;
  }
  const settledRow = (dedupeKey: string) =>
    waitFor(`e-mail ${dedupeKey}`, async () => (await rows(`dedupe_key = $1 AND state <> 'pending'`, [dedupeKey]))[0]);

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true, env: { REMINDER_OFFSETS_HOURS: '24' }, systemEnv: { DIGEST_PREVIEW_TIMEOUT_MS: '5000' } });
    ({ system, runtime } = harness);
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF' });
    newcomer = await system.signUp({ displayName: 'Nouveau Venu', communeCode: SAINT_DENIS });
    neighbour = await system.signUp({ displayName: 'Voisine de Saint-Denis', communeCode: SAINT_DENIS });
    for (const member of [staff, newcomer]) {
      await gqlOk(`mutation P { updateMyNotificationPreferences(input: { digestFrequency: NONE }) { id } }`, {}, member.token);
    }
    await gqlOk(
      `mutation P { updateMyNotificationPreferences(input: { digestFrequency: WEEKLY, followedThemes: [BUDGET_PARTICIPATIF] }) { id } }`,
      {},
      neighbour.token,
    );
  });

  afterAll(() => harness?.stop());

  describe('the digest and its preview', () => {
    /** Titles that may reach the neighbour (what the public sees), and titles that must never. */
    const shown: string[] = [];
    const never: string[] = [];

    beforeAll(async () => {
      // Events: the newcomer's proposal stays pending; a refused one; a staff draft; a published one hidden by
      // moderation; a cancelled one (public, but not "to come"); one published.
      await saintDenisEvent(newcomer, 'ACHETEZ DES CRYPTOS');
      const refused = await saintDenisEvent(newcomer, 'Soirée refusée par la modération');
      await gqlOk(`mutation R($id: ID!) { rejectEvent(id: $id, reason: "Hors charte.") { id } }`, { id: refused.id }, staff.token);
      await saintDenisEvent(staff, 'Brouillon de la permanence', { draft: true });
      const hidden = await saintDenisEvent(staff, 'Réunion masquée par la modération');
      await hideEvent(hidden.id);
      const cancelled = await saintDenisEvent(staff, 'Atelier annulé faute de salle');
      await gqlOk(`mutation X($id: ID!) { cancelEvent(id: $id, reason: "Salle indisponible.") { id } }`, { id: cancelled.id }, staff.token);
      await saintDenisEvent(staff, 'Assemblée de quartier publiée');
      never.push(
        'ACHETEZ DES CRYPTOS',
        'Soirée refusée par la modération',
        'Brouillon de la permanence',
        'Réunion masquée par la modération',
        'Atelier annulé faute de salle',
      );
      shown.push('Assemblée de quartier publiée');

      // Fiches: a draft, one in review (a member's), an archived one, a published one hidden, one published.
      await fiche(staff.token, 'Fiche brouillon sur le budget');
      await ficheStep('submitGuideArticle', await fiche(newcomer.token, 'Fiche proposée en relecture'), newcomer.token);
      const archived = await fiche(staff.token, 'Fiche archivée sur le budget');
      await ficheStep('publishGuideArticle', archived);
      await ficheStep('archiveGuideArticle', archived);
      const hiddenFiche = await fiche(staff.token, 'Fiche masquée par la modération');
      await ficheStep('publishGuideArticle', hiddenFiche);
      await hide('applyGuideModerationAction', 'GUIDE_ARTICLE', hiddenFiche);
      await ficheStep('publishGuideArticle', await fiche(staff.token, 'Fiche publiée sur le budget participatif'));
      never.push('Fiche brouillon sur le budget', 'Fiche proposée en relecture', 'Fiche archivée sur le budget', 'Fiche masquée par la modération');
      shown.push('Fiche publiée sur le budget participatif');

      // Veille: an item nobody curated, a dismissed one, a selected one hidden by moderation, a selected one.
      await submit('Initiative jamais relue à Saint-Denis');
      await curate(await submit('Initiative écartée à Saint-Denis'), 'DISMISSED');
      const hiddenItem = await submit('Initiative masquée à Saint-Denis');
      await curate(hiddenItem, 'SELECTED');
      await hide('applyGuideModerationAction', 'WATCH_ITEM', hiddenItem);
      await curate(await submit('Initiative retenue à Saint-Denis'), 'SELECTED');
      never.push('Initiative jamais relue à Saint-Denis', 'Initiative écartée à Saint-Denis', 'Initiative masquée à Saint-Denis');
      shown.push('Initiative retenue à Saint-Denis');
    });

    const expectPublicOnly = (text: string) => {
      for (const title of shown) expect(text).toContain(title);
      for (const title of never) expect(text).not.toContain(title);
    };

    it('the staff preview shows what the public may see, nothing pending, refused, in draft, cancelled or hidden', async () => {
      const preview = await gqlOk<{ previewDigest: { outcome: string; html: string | null; text: string | null } }>(
        `query P($memberId: ID!, $period: String) { previewDigest(memberId: $memberId, period: $period) { outcome html text } }`,
        { memberId: neighbour.id, period: '2026-W40' },
        staff.token,
      );
      expect(preview.previewDigest.outcome).toBe('READY');
      expectPublicOnly(preview.previewDigest.text!);
      expectPublicOnly(preview.previewDigest.html!);
    });

    it('the digest sent holds the same public content only', async () => {
      const period = parsePeriod('2026-W41')!;
      expect(await runDigest(runtime, period, now())).toMatchObject({ members: 1, created: 1 });
      const sent = await settledRow(digestKey(neighbour.id, period));
      expect(sent.state).toBe('sent');
      const [message] = sink.byEmailId(sent.id);
      expectPublicOnly(String(message!.text));
      expectPublicOnly(String(message!.html));
    });
  });

  describe('reminders', () => {
    it('none for an event hidden after registration: not written by a scan, and a pending one is suppressed at delivery', async () => {
      const attendee = await system.signUp({ displayName: 'Inscrite Avant Masquage' });
      const later = await saintDenisEvent(staff, 'Rencontre masquée avant le rappel', {}, 5);
      await registerForEvent(system, later.id, attendee);
      const written = await saintDenisEvent(staff, 'Rencontre masquée après le rappel', {}, 7);
      await registerForEvent(system, written.id, attendee);
      const dayBefore = (e: { startsAt: string }) => new Date(new Date(e.startsAt).getTime() - 23 * HOUR);

      // Hidden before the scan: no reminder written.
      await hideEvent(later.id);
      expect(await scanReminders(runtime, dayBefore(later))).toMatchObject({ created: 0 });
      expect(await rows(`dedupe_key LIKE $1`, [`reminder:${later.id}:%`])).toEqual([]);

      // Written, then hidden before it went out: suppressed at delivery, nothing sent.
      await mailWorker().pause();
      try {
        expect(await scanReminders(runtime, dayBefore(written))).toMatchObject({ created: 1 });
        await hideEvent(written.id);
      } finally {
        mailWorker().resume();
      }
      const row = await settledRow(reminderKey(written.id, attendee.id, 24, new Date(written.startsAt)));
      expect(row).toMatchObject({ state: 'suppressed', last_error: 'event cancelled, hidden or moved, or registration cancelled' });
      expect(sink.byEmailId(row.id)).toHaveLength(0);
    });

    it('none for a cancelled event: not written by a scan, and a pending one is suppressed at delivery', async () => {
      const attendee = await system.signUp({ displayName: 'Inscrit Avant Annulation' });
      const cancel = (id: string) => gqlOk(`mutation X($id: ID!) { cancelEvent(id: $id, reason: "Pluie annoncée.") { id } }`, { id }, staff.token);
      const before = await saintDenisEvent(staff, 'Balade annulée avant le rappel', {}, 9);
      await registerForEvent(system, before.id, attendee);
      const after = await saintDenisEvent(staff, 'Balade annulée après le rappel', {}, 11);
      await registerForEvent(system, after.id, attendee);
      const dayBefore = (e: { startsAt: string }) => new Date(new Date(e.startsAt).getTime() - 23 * HOUR);

      await cancel(before.id);
      expect(await scanReminders(runtime, dayBefore(before))).toMatchObject({ created: 0 });
      expect(await rows(`dedupe_key LIKE $1`, [`reminder:${before.id}:%`])).toEqual([]);

      await mailWorker().pause();
      try {
        expect(await scanReminders(runtime, dayBefore(after))).toMatchObject({ created: 1 });
        await cancel(after.id);
      } finally {
        mailWorker().resume();
      }
      const row = await settledRow(reminderKey(after.id, attendee.id, 24, new Date(after.startsAt)));
      expect(row.state).toBe('suppressed');
      expect(sink.byEmailId(row.id)).toHaveLength(0);
    });
  });

  describe('event e-mails', () => {
    it('an event hidden by moderation gets no cancellation e-mail and no promotion e-mail (its text is not public)', async () => {
      const first = await system.signUp({ displayName: 'Première Inscrite' });
      const waiting = await system.signUp({ displayName: 'Second En Attente' });
      const event = await saintDenisEvent(staff, 'Soirée masquée puis annulée', { capacity: 1 });
      await registerForEvent(system, event.id, first);
      expect((await registerForEvent(system, event.id, waiting)).status).toBe('WAITLISTED');
      await hideEvent(event.id);

      // Staff raise the capacity: the waitlisted member gets the place, but no e-mail about hidden content.
      await gqlOk(`mutation U($id: ID!) { updateEvent(id: $id, input: { capacity: 2 }) { id } }`, { id: event.id }, staff.token);
      const promoted = (
        await system.db.query(`SELECT id, status FROM events.registrations WHERE event_id = $1 AND member_id = $2`, [event.id, waiting.id])
      ).rows[0];
      expect(promoted.status).toBe('CONFIRMED');
      await createHandlers(runtime)['registration.promoted']({ registrationId: promoted.id, eventId: event.id, memberId: waiting.id }, ctx());

      // Staff cancel it: no e-mail to the attendees either.
      await gqlOk(`mutation X($id: ID!) { cancelEvent(id: $id, reason: "Contenu retiré.") { id } }`, { id: event.id }, staff.token);
      await createHandlers(runtime)['event.cancelled']({ eventId: event.id }, ctx());
      // The jobs the events service relayed after its commits have run too by now (or find nothing either).
      await sleep(1_000);
      expect(
        await rows(`dedupe_key IN ($1, $2, $3)`, [`promoted:${promoted.id}`, `cancel:${event.id}:${first.id}`, `cancel:${event.id}:${waiting.id}`]),
      ).toEqual([]);
    });

    it('a public event still gets its cancellation and promotion e-mails', async () => {
      const first = await system.signUp({ displayName: 'Awa Publique' });
      const waiting = await system.signUp({ displayName: 'Bruno Patient' });
      const event = await saintDenisEvent(staff, 'Soirée publique annulée', { capacity: 1 });
      await registerForEvent(system, event.id, first);
      const registration = await registerForEvent(system, event.id, waiting);
      await gqlOk(`mutation U($id: ID!) { updateEvent(id: $id, input: { capacity: 2 }) { id } }`, { id: event.id }, staff.token);
      expect((await settledRow(`promoted:${registration.id}`)).state).toBe('sent');
      await gqlOk(`mutation X($id: ID!) { cancelEvent(id: $id, reason: "Salle indisponible.") { id } }`, { id: event.id }, staff.token);
      expect((await settledRow(`cancel:${event.id}:${first.id}`)).state).toBe('sent');
      expect((await settledRow(`cancel:${event.id}:${waiting.id}`)).state).toBe('sent');
    });
  });
});
