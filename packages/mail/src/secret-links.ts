import { escapeHtml } from './layout';

/**
 * What an e-mail's secret link (password reset, address verification, invitation, digest unsubscribe) carries where
 * the secret goes, in every copy of the e-mail but the one handed to the SMTP server: the stored copy (workers.emails),
 * the previews and anything shown to staff read « …?token=[lien masqué] ». The workers fill the secret in at delivery
 * (`fillSecretLinks`), into the outgoing message only.
 */
export const SECRET_LINK_PLACEHOLDER = '[lien masqué]';

/** What the placeholder becomes in text that comes from outside (names, messages, feed items): no secret goes there. */
const NEUTRALISED = '[lien masque]';

/**
 * Text from outside (a name, a staff message, a feed item's title or URL) with the placeholder neutralised, so that
 * only a template's own secret link receives the secret at delivery: a feed item linking to
 * `https://ailleurs.example/?x=[lien masqué]` must not carry the member's secret away.
 */
export const withoutPlaceholder = (value: string): string => value.split(SECRET_LINK_PLACEHOLDER).join(NEUTRALISED);

/** A secret link as templates write it: `${publicUrl}${path}?${query}=[lien masqué]`, or `${publicUrl}${path}/[lien masqué]` without `query`. */
export function secretLink(publicUrl: string, path: string, query?: string): string {
  const base = `${publicUrl.replace(/\/+$/, '')}${path}`;
  return query ? `${base}?${query}=${SECRET_LINK_PLACEHOLDER}` : `${base}/${SECRET_LINK_PLACEHOLDER}`;
}

/** Whether a rendered text or header holds a secret link waiting for its secret. */
export const hasSecretLink = (value: string | null | undefined): boolean => !!value?.includes(SECRET_LINK_PLACEHOLDER);

/**
 * The outgoing message's text, HTML or header value with the secret in its links (URL-encoded; HTML-escaped in HTML).
 * For the message handed to the SMTP server only: never stored, logged or queued.
 */
export function fillSecretLinks(value: string, secret: string, as: 'text' | 'html'): string {
  const encoded = encodeURIComponent(secret);
  return value.split(SECRET_LINK_PLACEHOLDER).join(as === 'html' ? escapeHtml(encoded) : encoded);
}
