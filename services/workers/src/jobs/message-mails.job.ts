import { secretLink } from '@metropotes/mail';
import type { GatewayOperation } from '../gateway/system-gateway';
import { UnrecoverableError } from 'bullmq';
import { senderDomain } from '../mail/email-row';
import { writeMemberEmails } from '../mail/member-emails';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

/** How many recipients a page of a message's fan-out reads (one gateway request, one INSERT, one addBulk). */
const PAGE = 200;

const GROUP_MESSAGE = graphql(`
  query WorkerGroupMessage($id: ID!) {
    systemGroupMessage(id: $id) {
      id
      groupId
      groupName
      subject
      body
      authorName
      deliverable
    }
  }
`);
const GROUP_RECIPIENTS = graphql(`
  query WorkerGroupMessageRecipients($id: ID!, $first: Int, $after: ID) {
    systemGroupMessageRecipients(messageId: $id, first: $first, after: $after)
  }
`);
const EVENT_MESSAGE = graphql(`
  query WorkerEventMessage($id: ID!) {
    systemEventMessage(id: $id) {
      id
      eventId
      eventTitle
      subject
      body
      deliverable
    }
  }
`);
const EVENT_RECIPIENTS = graphql(`
  query WorkerEventMessageRecipients($id: ID!, $first: Int, $after: ID) {
    systemEventMessageRecipients(messageId: $id, first: $first, after: $after)
  }
`);

/** A list's name in a header: ASCII letters, digits, spaces and a few signs (no encoded words to go wrong). */
export const headerPhrase = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 '.-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);

/** The List-Id of a group's messages (RFC 2919): `Name <groupId.groupes.domain>`. */
export const groupListId = (groupName: string, groupId: string, domain: string): string =>
  `${headerPhrase(groupName)} <${groupId}.groupes.${domain}>`;

/** Pages of recipient ids through the gateway (the system), each written before the next is read. */
async function forEachRecipientPage(
  rt: WorkersRuntime,
  query: GatewayOperation<Record<string, string[] | null>, { id: string; first: number; after: string | null }>,
  messageId: string,
  write: (memberIds: string[]) => Promise<{ created: number }>,
): Promise<number> {
  let after: string | null = null;
  let created = 0;
  for (;;) {
    const data: Record<string, string[] | null> = await rt.gateway.call(query, { id: messageId, first: PAGE, after });
    const ids: string[] = Object.values(data)[0] ?? [];
    if (ids.length) created += (await write(ids)).created;
    if (ids.length < PAGE) return created;
    after = ids[ids.length - 1]!;
  }
}

/**
 * A group message was sent: each member who receives the group's messages gets one 'group-message' e-mail (dedupe
 * key `group-message:<message>:<member>`), with the group's List-Id and a one-click List-Unsubscribe (RFC 8058) whose
 * secret is signed at delivery for that member and group (the row keeps the group's id as `link_id`). Safe to run
 * again; a message hidden by moderation before the job ran is not sent.
 */
export function groupMessageSentJob(rt: WorkersRuntime): JobHandler<'group-message.sent'> {
  return async ({ messageId }, ctx) => {
    if (!isUuid(messageId)) throw new UnrecoverableError('group-message.sent needs a message uuid');
    const { systemGroupMessage: message } = await rt.gateway.call(GROUP_MESSAGE, { id: messageId });
    if (!message || !message.deliverable) {
      ctx.log.info({ messageId }, 'group message gone or hidden: no e-mail');
      return;
    }
    const domain = senderDomain(rt.config.mail.from);
    const headers = {
      'List-Id': groupListId(message.groupName, message.groupId, domain),
      'List-Unsubscribe': `<${secretLink(rt.config.publicUrl, '/unsubscribe')}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      Precedence: 'list',
    };
    const params = {
      groupId: message.groupId,
      groupName: message.groupName,
      subject: message.subject,
      body: message.body,
      ...(message.authorName ? { authorName: message.authorName } : {}),
    };
    const created = await forEachRecipientPage(rt, GROUP_RECIPIENTS, messageId, (ids) =>
      writeMemberEmails(
        rt,
        ids.map((memberId) => ({
          template: 'group-message' as const,
          memberId,
          dedupeKey: `group-message:${messageId}:${memberId}`,
          params,
          headers,
          linkId: message.groupId,
        })),
      ),
    );
    ctx.log.info({ messageId, created }, 'group message e-mails recorded');
  };
}

/**
 * An organizer wrote to an event's attendees: each confirmed attendee gets one 'event-message' e-mail (dedupe key
 * `event-message:<message>:<member>`), with the event's List-Id. Safe to run again; nothing is sent for a message
 * hidden by moderation, or an event no longer published, when the job runs.
 */
export function eventMessageSentJob(rt: WorkersRuntime): JobHandler<'event-message.sent'> {
  return async ({ messageId }, ctx) => {
    if (!isUuid(messageId)) throw new UnrecoverableError('event-message.sent needs a message uuid');
    const { systemEventMessage: message } = await rt.gateway.call(EVENT_MESSAGE, { id: messageId });
    if (!message || !message.deliverable) {
      ctx.log.info({ messageId }, 'event message gone, hidden or its event not published: no e-mail');
      return;
    }
    const headers = { 'List-Id': `${headerPhrase(message.eventTitle)} <${message.eventId}.evenements.${senderDomain(rt.config.mail.from)}>` };
    const params = { eventId: message.eventId, title: message.eventTitle, subject: message.subject, body: message.body };
    const created = await forEachRecipientPage(rt, EVENT_RECIPIENTS, messageId, (ids) =>
      writeMemberEmails(
        rt,
        ids.map((memberId) => ({
          template: 'event-message' as const,
          memberId,
          dedupeKey: `event-message:${messageId}:${memberId}`,
          params,
          headers,
        })),
      ),
    );
    ctx.log.info({ messageId, created }, 'event message e-mails recorded');
  };
}
