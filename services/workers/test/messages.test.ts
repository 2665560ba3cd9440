import type { TestMember, TestSystem } from '@metropotes/test-kit';
import type { ParsedMail } from 'mailparser';
import { createHandlers } from '../src/jobs/registry';
import type { SmtpSink } from './support/smtp-sink';
import {
  createEvent,
  gqlData,
  pollUntil,
  registerForEvent,
  sleep,
  startWorkersHarness,
  waitFor,
  type WorkersHarness,
} from './support/workers-harness';

const SEND_GROUP = `mutation S($input: SendGroupMessageInput!) { sendGroupMessage(input: $input) { id subject body sentAt group { id } } }`;
const SEND_EVENT = `mutation S($input: SendEventMessageInput!) { sendEventMessage(input: $input) { id subject body event { id } } }`;
const REPORT = `mutation R($input: ReportContentInput!) { reportContent(input: $input) { id } }`;
const QUEUE = `query Q($filter: ModerationQueueFilter) { moderationQueue(filter: $filter) { edges { node { id targetId target { __typename } } } } }`;
const DECIDE = `mutation D($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { id } }`;
const GROUP_MESSAGES = `query G($id: ID!) { group(id: $id) { id viewerReceivesMessages messages { id subject moderationState } } }`;

interface EmailRow {
  id: string;
  member_id: string;
  state: string;
  last_error: string | null;
  text: string | null;
  headers: Record<string, string>;
}

describe('group and event messages: e-mailed with list headers, one-click unsubscribe per group, rate limit, reports (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let sink: SmtpSink;
  let staff: TestMember;

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true });
    ({ system } = harness);
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF', displayName: 'Équipe Animation' });
  });

  afterAll(() => harness?.stop());

  const gql = <T>(query: string, variables: Record<string, unknown>, token?: string) => gqlData<T>(system, query, variables, token);

  async function createGroup(admin: TestMember, name: string): Promise<string> {
    const data = await gql<{ createGroup: { id: string } }>(
      `mutation C($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name } },
      admin.token,
    );
    return data.createGroup.id;
  }
  const join = (groupId: string, member: TestMember) => gql(`mutation J($id: ID!) { joinGroup(groupId: $id) { id } }`, { id: groupId }, member.token);

  const rowsOf = async (prefix: string): Promise<EmailRow[]> =>
    (
      await system.db.query<EmailRow>(
        `SELECT id, member_id, state, last_error, text, headers FROM workers.emails WHERE dedupe_key LIKE $1 ORDER BY member_id`,
        [`${prefix}%`],
      )
    ).rows;

  /** Waits until `count` rows of the message are written and none is pending. */
  const settled = (prefix: string, count: number) =>
    waitFor(`${count} e-mails ${prefix}`, async () => {
      const rows = await rowsOf(prefix);
      return rows.length === count && rows.every((r) => r.state !== 'pending') ? rows : null;
    });

  /** A header's value as sent (nodemailer writes some names in its own case: List-ID). */
  const header = (message: ParsedMail, name: string) =>
    message.headerLines
      .find((h) => h.key === name)
      ?.line.replace(/\r?\n\s+/g, ' ')
      .replace(/^[^:]+:\s*/, '') ?? '';

  it('a group admin writes to the members: List-Id and one-click List-Unsubscribe for that group; the link stops that group only; non-admins refused', async () => {
    const admin = await system.signUp({ displayName: 'Awa Admin' });
    const reader = await system.signUp({ displayName: 'Bruno Lecteur' });
    const other = await system.signUp({ displayName: 'Chloé Membre' });
    const outsider = await system.signUp({ displayName: 'Dan Dehors' });
    const groupId = await createGroup(admin, 'Amicale des locataires Pablo-Picasso');
    const secondId = await createGroup(admin, 'Jardin partagé des Tilleuls');
    for (const m of [reader, other]) await join(groupId, m);
    await join(secondId, reader);

    // Only the group's admins (and staff) write to it.
    const refused = await system.gql(SEND_GROUP, { input: { groupId, subject: 'Coucou', body: 'Un message de simple membre.' } }, other.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/administrateur·rices du groupe/);
    const anonymous = await system.gql(SEND_GROUP, { input: { groupId, subject: 'Coucou', body: 'Un message anonyme ici.' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const tooShort = await system.gql(SEND_GROUP, { input: { groupId, subject: 'Réunion', body: 'Court' } }, admin.token);
    expect(tooShort.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    // Outsiders do not read the group's messages.
    expect((await gql<{ group: { messages: unknown } }>(GROUP_MESSAGES, { id: groupId }, outsider.token)).group.messages).toBeNull();

    const body =
      'Bonjour à toutes et tous,\n\nRéunion jeudi à 19 h au local : https://exemple.org/ordre-du-jour\n<script>alert(1)</script> [lien masqué]';
    const sent = await gql<{ sendGroupMessage: { id: string; body: string } }>(
      SEND_GROUP,
      { input: { groupId, subject: '  Réunion   de jeudi ', body } },
      admin.token,
    );
    const messageId = sent.sendGroupMessage.id;
    expect(sent.sendGroupMessage.body).toBe(body);

    const rows = await settled(`group-message:${messageId}:`, 3);
    expect(rows.map((r) => r.member_id).sort()).toEqual([admin.id, reader.id, other.id].sort());
    expect(rows.map((r) => [r.state, r.last_error])).toEqual(rows.map(() => ['sent', null]));
    const mine = rows.find((r) => r.member_id === reader.id)!;
    // Stored with the unsubscribe link masked; the secret exists only in the message handed to SMTP.
    expect(mine.headers['List-Unsubscribe']).toBe('<https://metropotes.example.org/unsubscribe/[lien masqué]>');
    expect(mine.text).toContain('/unsubscribe/[lien masqué]');

    const [message] = sink.byEmailId(mine.id);
    expect(message!.subject).toBe('[Amicale des locataires Pablo-Picasso] Réunion de jeudi – Les Métropotes');
    expect(message!.text).toContain('Bonjour Bruno Lecteur,');
    expect(message!.text).toContain('Awa Admin a écrit aux membres du groupe « Amicale des locataires Pablo-Picasso »');
    expect(message!.text).toContain('Réunion jeudi à 19 h au local : https://exemple.org/ordre-du-jour');
    expect(message!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message!.html).not.toContain('<script>');
    expect(message!.text).toContain(`https://metropotes.example.org/groupes/${groupId}`);
    expect(header(message!, 'list-id')).toBe(`Amicale des locataires Pablo-Picasso <${groupId}.groupes.metropotes.fr>`);
    expect(header(message!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<https:\/\/metropotes\.example\.org\/unsubscribe\/(g\.[^>]+)>$/i.exec(header(message!, 'list-unsubscribe'));
    expect(unsubscribe).not.toBeNull();
    const token = unsubscribe![1]!;
    expect(token.startsWith(`g.${groupId}.${reader.id}.`)).toBe(true);
    // The same link in the body; the author's « [lien masqué] » got no secret.
    expect(message!.text).toContain(`/unsubscribe/${token}`);
    expect(message!.text).toContain('[lien masque]');

    // GET shows a French page and changes nothing; a token forged for someone else is refused.
    const url = `${system.origin}/unsubscribe/${token}`;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Amicale des locataires Pablo-Picasso');
    const receives = async (member: TestMember, group: string) =>
      (await system.db.query('SELECT receives_messages FROM members.group_memberships WHERE group_id = $1 AND member_id = $2', [group, member.id]))
        .rows[0]?.receives_messages;
    expect(await receives(reader, groupId)).toBe(true);
    const forged = `${system.origin}/unsubscribe/g.${groupId}.${other.id}.${token.split('.').pop()}`;
    expect((await fetch(forged, { method: 'POST' })).status).toBe(400);
    expect(await receives(other, groupId)).toBe(true);

    // One click (RFC 8058): that group's messages stop, the member stays in it and in the other group.
    const done = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Vous ne recevrez plus ces messages');
    expect(await receives(reader, groupId)).toBe(false);
    expect(await receives(reader, secondId)).toBe(true);
    expect(
      (await gql<{ group: { viewerReceivesMessages: boolean; messages: { id: string }[] } }>(GROUP_MESSAGES, { id: groupId }, reader.token)).group,
    ).toMatchObject({
      viewerReceivesMessages: false,
      messages: [{ id: messageId }],
    });

    const next = await gql<{ sendGroupMessage: { id: string } }>(
      SEND_GROUP,
      { input: { groupId, subject: 'Compte rendu', body: 'Le compte rendu de la réunion est en ligne.' } },
      admin.token,
    );
    const nextRows = await settled(`group-message:${next.sendGroupMessage.id}:`, 2);
    expect(nextRows.map((r) => r.member_id).sort()).toEqual([admin.id, other.id].sort());
    const garden = await gql<{ sendGroupMessage: { id: string } }>(
      SEND_GROUP,
      { input: { groupId: secondId, subject: 'Arrosage', body: 'Qui arrose le jardin cette semaine ?' } },
      admin.token,
    );
    const gardenRows = await settled(`group-message:${garden.sendGroupMessage.id}:`, 2);
    expect(gardenRows.map((r) => r.member_id).sort()).toEqual([admin.id, reader.id].sort());

    // Back on from the site.
    await gql(`mutation M($id: ID!) { setGroupMessagesReception(groupId: $id, receive: true) { id } }`, { id: groupId }, reader.token);
    expect(await receives(reader, groupId)).toBe(true);

    // At most 4 a week per group: two more pass, the fifth is refused in French with when it becomes possible.
    for (const n of [3, 4]) {
      await gql(SEND_GROUP, { input: { groupId, subject: `Message ${n}`, body: `Le message numéro ${n} de la semaine.` } }, admin.token);
    }
    const limited = await system.gql(
      SEND_GROUP,
      { input: { groupId, subject: 'Message 5', body: 'Un message de trop cette semaine.' } },
      staff.token,
    );
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.message).toMatch(
      /^Ce groupe a déjà envoyé 4 messages ces 7 derniers jours\. Vous pourrez en envoyer un nouveau à partir du \p{L}+ \d/u,
    );
    const retryAfter = limited.errors?.[0]?.extensions?.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(7 * 86_400 - 600);
    expect(retryAfter).toBeLessThanOrEqual(7 * 86_400);
    expect((await system.db.query('SELECT count(*)::int AS n FROM members.group_messages WHERE group_id = $1', [groupId])).rows[0].n).toBe(4);
    // The limit is the group's: the other group can still write.
    await gql(SEND_GROUP, { input: { groupId: secondId, subject: 'Récolte', body: 'La récolte de tomates est samedi.' } }, admin.token);
  });

  it('a reported group message hidden by staff leaves the group page, and is no longer e-mailed', async () => {
    const admin = await system.signUp({ displayName: 'Inès Admin' });
    const member = await system.signUp({ displayName: 'Jules Membre' });
    const groupId = await createGroup(admin, 'Collectif vélo de Bobigny');
    await join(groupId, member);
    const sent = await gql<{ sendGroupMessage: { id: string } }>(
      SEND_GROUP,
      { input: { groupId, subject: 'Publicité', body: 'Achetez nos vélos, prix cassés ici.' } },
      admin.token,
    );
    const messageId = sent.sendGroupMessage.id;
    await settled(`group-message:${messageId}:`, 2);

    // Members of the group see and report it; staff hide it.
    await gql(REPORT, { input: { targetType: 'GROUP_MESSAGE', targetId: messageId, reason: 'SPAM' } }, member.token);
    const queue = await gql<{ moderationQueue: { edges: { node: { id: string; targetId: string; target: { __typename: string } | null } }[] } }>(
      QUEUE,
      { filter: { targetId: messageId } },
      staff.token,
    );
    const open = queue.moderationQueue.edges.map((e) => e.node).find((c) => c.targetId === messageId)!;
    expect(open.target).toEqual({ __typename: 'GroupMessage' });
    await gql(DECIDE, { caseId: open.id, input: { action: 'HIDE', reason: 'Publicité' } }, staff.token);
    const page = await pollUntil(
      () => gql<{ group: { messages: { id: string }[] } }>(GROUP_MESSAGES, { id: groupId }, member.token),
      (data) => data.group.messages.length === 0,
    );
    expect(page.group.messages).toEqual([]);
    expect(
      (await gql<{ groupMessage: unknown }>(`query M($id: ID!) { groupMessage(id: $id) { id } }`, { id: messageId }, member.token)).groupMessage,
    ).toBeNull();
    const asStaff = await gql<{ group: { messages: { id: string; moderationState: string }[] } }>(GROUP_MESSAGES, { id: groupId }, staff.token);
    expect(asStaff.group.messages).toEqual([{ id: messageId, subject: 'Publicité', moderationState: 'HIDDEN' }]);
    // A job run again after the hiding writes nothing new.
    await harness.runtime.dataSource.query(`DELETE FROM workers.emails WHERE dedupe_key LIKE $1`, [`group-message:${messageId}:%`]);
    await createHandlers(harness.runtime)['group-message.sent']({ messageId }, { jobId: 'direct', attempt: 1, maxAttempts: 1, log: harness.logger });
    expect(await rowsOf(`group-message:${messageId}:`)).toEqual([]);
  });

  it('an organizer writes to the confirmed attendees only (not the waitlist, not cancelled), rate-limited per event, reportable', async () => {
    const confirmed = await system.signUp({ displayName: 'Karim Confirmé' });
    const waiting = await system.signUp({ displayName: 'Lina Attente' });
    const leaving = await system.signUp({ displayName: 'Marc Parti' });
    const event = await createEvent(system, staff.token, { title: 'Atelier « réparer son vélo »', capacity: 2 });
    await registerForEvent(system, event.id, confirmed);
    await registerForEvent(system, event.id, leaving);
    expect((await registerForEvent(system, event.id, waiting)).status).toBe('WAITLISTED');
    // Leaving frees the place: the waitlisted member is promoted, then cancels too.
    await gql(`mutation X($id: ID!) { cancelRegistration(eventId: $id) { id } }`, { id: event.id }, leaving.token);
    await gql(`mutation X($id: ID!) { cancelRegistration(eventId: $id) { id } }`, { id: event.id }, waiting.token);
    const other = await system.signUp({ displayName: 'Nora Attente' });
    const full = await createEvent(system, staff.token, { title: 'Atelier complet', capacity: 1 });
    await registerForEvent(system, full.id, confirmed);
    expect((await registerForEvent(system, full.id, other)).status).toBe('WAITLISTED');

    const refused = await system.gql(
      SEND_EVENT,
      { input: { eventId: event.id, subject: 'Info', body: 'Je ne suis pas organisateur.' } },
      confirmed.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const sent = await gql<{ sendEventMessage: { id: string } }>(
      SEND_EVENT,
      { input: { eventId: full.id, subject: 'Apportez vos outils', body: 'Pensez à apporter vos clés et rustines.' } },
      staff.token,
    );
    const rows = await settled(`event-message:${sent.sendEventMessage.id}:`, 1);
    expect(rows.map((r) => r.member_id)).toEqual([confirmed.id]);
    const [message] = sink.byEmailId(rows[0]!.id);
    expect(message!.subject).toBe('[Atelier complet] Apportez vos outils – Les Métropotes');
    expect(message!.text).toContain('Pensez à apporter vos clés et rustines.');
    expect(header(message!, 'list-id')).toBe(`Atelier complet <${full.id}.evenements.metropotes.fr>`);
    expect(header(message!, 'list-unsubscribe')).toBe('');

    // The attendee reads it with the event and reports it; staff hide it.
    const messageId = sent.sendEventMessage.id;
    const read = () =>
      gql<{ event: { messages: { id: string }[] | null } }>(
        `query E($id: ID!) { event(id: $id) { messages { id } } }`,
        { id: full.id },
        confirmed.token,
      );
    expect((await read()).event.messages).toEqual([{ id: messageId }]);
    expect(
      (await gql<{ event: { messages: unknown } }>(`query E($id: ID!) { event(id: $id) { messages { id } } }`, { id: full.id }, other.token)).event
        .messages,
    ).toBeNull();
    await gql(REPORT, { input: { targetType: 'EVENT_MESSAGE', targetId: messageId, reason: 'OFF_TOPIC' } }, confirmed.token);
    const queue = await gql<{ moderationQueue: { edges: { node: { id: string; targetId: string; target: { __typename: string } | null } }[] } }>(
      QUEUE,
      { filter: { targetId: messageId } },
      staff.token,
    );
    const open = queue.moderationQueue.edges.map((e) => e.node).find((c) => c.targetId === messageId)!;
    expect(open.target).toEqual({ __typename: 'EventMessage' });
    await gql(DECIDE, { caseId: open.id, input: { action: 'HIDE', reason: 'Hors sujet' } }, staff.token);
    expect((await pollUntil(read, (data) => data.event.messages?.length === 0)).event.messages).toEqual([]);

    // The first event: its confirmed attendee only (the one who left and the promoted-then-cancelled one get nothing).
    const first = await gql<{ sendEventMessage: { id: string } }>(
      SEND_EVENT,
      { input: { eventId: event.id, subject: 'Salle changée', body: "L'atelier a lieu salle 2, au premier étage." } },
      staff.token,
    );
    const firstRows = await settled(`event-message:${first.sendEventMessage.id}:`, 1);
    expect(firstRows.map((r) => r.member_id)).toEqual([confirmed.id]);

    // Rate limit per event: four in 7 days (hidden ones count), then RATE_LIMITED.
    for (const n of [2, 3, 4]) {
      await gql(SEND_EVENT, { input: { eventId: full.id, subject: `Info ${n}`, body: `Information pratique numéro ${n}.` } }, staff.token);
    }
    const limited = await system.gql(
      SEND_EVENT,
      { input: { eventId: full.id, subject: 'Info 5', body: 'Information pratique de trop.' } },
      staff.token,
    );
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.message).toContain('Vous pourrez en envoyer un nouveau à partir du');
    await sleep(10);
  });
});
