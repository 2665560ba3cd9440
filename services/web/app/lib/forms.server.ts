import { data } from 'react-router';
import type { ApiFailure } from '../graphql/gateway.server';

/** What a form's action answers when it refuses: the messages, and what was typed (never a password) to keep it. */
export interface FormResult {
  formError?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

/** The text fields of a submitted form, trimmed, without the ones named in `secret` (passwords). */
export function formValues(form: FormData, secret: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === 'string' && !secret.includes(name)) values[name] = value.trim();
  }
  return values;
}

export const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** The API's refusal as the form shows it: next to the fields it names, above the form otherwise. */
export function formFailure(failure: ApiFailure, values: Record<string, string>) {
  const fieldCount = Object.keys(failure.fieldErrors).length;
  const result: FormResult = {
    fieldErrors: failure.fieldErrors,
    values,
    ...(fieldCount === 0 ? { formError: failure.message } : {}),
  };
  const status = failure.code === 'RATE_LIMITED' ? 429 : failure.code === 'SERVICE_UNAVAILABLE' ? 503 : 400;
  return data(result, { status, headers: failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : undefined });
}

/** A refusal decided by the site itself (a missing field). */
export function formRefusal(fieldErrors: Record<string, string>, values: Record<string, string>, formError?: string) {
  return data<FormResult>({ fieldErrors, values, ...(formError ? { formError } : {}) }, { status: 400 });
}

/** Where to go back after signing in: a path of this site only (never another site: no open redirect). */
export function localPath(value: string | null | undefined, fallback = '/moi'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
