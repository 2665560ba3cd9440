import type { Block } from './layout';

export interface TemplateInput {
  /** The member's display name, as shown on the platform. */
  displayName: string;
  /** Where people reach the platform (PUBLIC_URL), for links. */
  publicUrl: string;
  /** Values the requesting service passed (an event's title, a date...); never a secret, never trusted as HTML. */
  params: Readonly<Record<string, string>>;
}

/** A template was asked for without a value it needs: the e-mail cannot be written (not worth a retry). */
export class TemplateParamError extends Error {
  constructor(
    readonly param: string,
    readonly template = '',
  ) {
    super(template ? `Template "${template}" needs the parameter "${param}".` : `Missing template parameter "${param}".`);
    this.name = 'TemplateParamError';
  }
}

export function requireParam(input: TemplateInput, name: string): string {
  const value = input.params[name];
  if (typeof value !== 'string' || value.trim() === '') throw new TemplateParamError(name);
  return value;
}

export function siteUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/`;
}

/** "Ce lien est valable N heures." when the service said how long its token lives (param validForHours). */
export function validityNote(input: TemplateInput): Block[] {
  const raw = input.params.validForHours;
  if (raw === undefined) return [];
  const hours = Number(raw);
  if (!Number.isInteger(hours) || hours <= 0) return [];
  return [{ kind: 'note', text: `Ce lien est valable ${hours === 1 ? 'une heure' : `${hours} heures`} et ne peut servir qu'une fois.` }];
}
