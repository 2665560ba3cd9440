import { TemplateParamError, type RenderedEmail } from '@metropotes/mail';
import { randomUUID } from 'node:crypto';
import type { NewEmail } from './email.repository';

/** The domain of the From address, for Message-IDs. */
export function senderDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'metropotes.invalid';
}

/** What a new e-mail row is, before what it holds: its id (fresh), dedupe key, template and recipient. */
export type EmailRowBase = Pick<NewEmail, 'id' | 'dedupeKey' | 'template' | 'memberId' | 'prospectId'>;

/** A new row's base, with a fresh id. */
export function emailRowBase(of: Omit<EmailRowBase, 'id'>): EmailRowBase {
  return { id: randomUUID(), ...of };
}

/** The headers every e-mail the workers send carries. */
export function emailHeaders(id: string, template: string, from: string): Record<string, string> {
  return {
    'Message-ID': `<${id}@${senderDomain(from)}>`,
    'Auto-Submitted': 'auto-generated',
    'X-Metropotes-Email-Id': id,
    'X-Metropotes-Template': template,
  };
}

/** A row with nothing to send: suppressed (no one to send it to, nothing to say) or dead (it cannot be written). */
export function closedEmailRow(base: EmailRowBase, state: 'suppressed' | 'dead', lastError: string): NewEmail {
  return { ...base, state, toAddress: null, subject: null, html: null, text: null, headers: {}, attachments: [], lastError };
}

/**
 * A row that must go out to `toAddress` (pending), with what `render` writes and the common headers (Message-ID on
 * the domain of `from`, Auto-Submitted, X-Metropotes-Email-Id and -Template), then `extraHeaders`. A parameter the
 * template lacks (TemplateParamError) makes the row dead instead; any other error is thrown.
 */
export function renderedEmailRow(
  base: EmailRowBase,
  toAddress: string,
  from: string,
  render: () => RenderedEmail,
  extraHeaders: Record<string, string> = {},
  attachments: NewEmail['attachments'] = [],
): NewEmail {
  try {
    return {
      ...base,
      state: 'pending',
      toAddress,
      ...render(),
      headers: { ...emailHeaders(base.id, base.template, from), ...extraHeaders },
      attachments,
      lastError: null,
    };
  } catch (error) {
    if (!(error instanceof TemplateParamError)) throw error;
    return closedEmailRow(base, 'dead', error.message);
  }
}
