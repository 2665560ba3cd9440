import { formatParisTime } from '@metropotes/french-time';
import { apiError, badInput } from './errors';

/**
 * Messages people write to others by e-mail (a group's admins to its members, an organizer to an event's attendees):
 * plain text, never HTML. The text is kept as written (trimmed, line breaks normalised, control characters removed);
 * the e-mail and the site escape it when they show it, and links stay text (mail clients make them clickable).
 */
export const MESSAGE_SUBJECT_MAX = 150;
export const MESSAGE_BODY_MAX = 5000;

/** How many messages one group (or one event) may send in a rolling window. */
export interface MessageRateLimit {
  max: number;
  windowSeconds: number;
}
export const DEFAULT_MESSAGE_RATE_LIMIT: MessageRateLimit = { max: 4, windowSeconds: 7 * 86_400 };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The subject and body as stored, or BAD_USER_INPUT (French, with `extensions.field`). */
export function cleanMessage(input: { subject: string; body: string }): { subject: string; body: string } {
  const subject = String(input.subject ?? '')
    .replace(CONTROL, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (subject.length < 3) throw badInput("L'objet du message doit contenir au moins 3 caractères.", 'subject');
  if (subject.length > MESSAGE_SUBJECT_MAX) throw badInput(`L'objet du message ne doit pas dépasser ${MESSAGE_SUBJECT_MAX} caractères.`, 'subject');
  const body = String(input.body ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (body.length < 10) throw badInput('Le message doit contenir au moins 10 caractères.', 'body');
  if (body.length > MESSAGE_BODY_MAX) throw badInput(`Le message ne doit pas dépasser ${MESSAGE_BODY_MAX} caractères.`, 'body');
  return { subject, body };
}

/**
 * RATE_LIMITED when `sent` messages (the oldest of the window first) already fill the window at `now`: says in French,
 * Paris time, when the next one becomes possible (`extensions.retryAfter`: seconds).
 */
export function assertMessageRate(sentInWindow: readonly Date[], now: Date, limit: MessageRateLimit, who: 'group' | 'event'): void {
  if (sentInWindow.length < limit.max) return;
  const oldest = [...sentInWindow].sort((a, b) => a.getTime() - b.getTime())[sentInWindow.length - limit.max]!;
  const possibleAt = new Date(oldest.getTime() + limit.windowSeconds * 1000);
  const retryAfter = Math.max(1, Math.ceil((possibleAt.getTime() - now.getTime()) / 1000));
  const days = Math.round(limit.windowSeconds / 86_400);
  const span = days >= 1 ? `ces ${days} derniers jours` : 'récemment';
  const subject = who === 'group' ? 'Ce groupe a déjà envoyé' : 'Cet événement a déjà fait l’objet de';
  throw apiError(
    'RATE_LIMITED',
    `${subject} ${limit.max} message${limit.max > 1 ? 's' : ''} ${span}. Vous pourrez en envoyer un nouveau à partir du ${formatParisTime(possibleAt, { now })}.`,
    { retryAfter, possibleAt: possibleAt.toISOString() },
  );
}
