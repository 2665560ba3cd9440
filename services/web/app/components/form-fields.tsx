import { useEffect, useRef } from 'react';
import { useNavigation } from 'react-router';
import { useNonce } from '../lib/nonce';
import { useStaticPage } from '../lib/static-page';

/**
 * Focuses the element just before it, once the page is parsed: what the error summary's effect does on a hydrated
 * page, for pages that ship no client script (lib/static-page.ts). Inline, allowed by the response's CSP nonce.
 */
const FOCUS_PREVIOUS = 'document.currentScript.previousElementSibling.focus()';

export interface FormResultView {
  formError?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

/**
 * The errors of a refused form, above it: a heading, then the message about the whole form and a link to each field
 * in error. Announced (role="alert") and focused when it appears, so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ result, labels }: { result: FormResultView | undefined; labels: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const nonce = useNonce();
  const staticPage = useStaticPage();
  useEffect(() => {
    if (result && (result.formError || Object.keys(result.fieldErrors).length)) ref.current?.focus();
  }, [result]);
  if (!result) return null;
  const fields = Object.entries(result.fieldErrors);
  if (!result.formError && fields.length === 0) return null;
  return (
    <>
      <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
        <h2 id="error-summary-title" className="error-summary__title">
          {fields.length > 0 ? 'Le formulaire contient une erreur' : 'Cela n’a pas fonctionné'}
        </h2>
        {result.formError ? <p>{result.formError}</p> : null}
        {fields.length > 0 ? (
          <ul>
            {fields.map(([field, message]) => (
              <li key={field}>
                {labels[field] ? <a href={`#champ-${field}`}>{labels[field]}</a> : null}
                {labels[field] ? ' : ' : ''}
                {message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {staticPage ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: FOCUS_PREVIOUS }} /> : null}
    </>
  );
}

interface FieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'search';
  autoComplete?: string;
  required?: boolean;
  hint?: string;
  result?: FormResultView;
  defaultValue?: string;
  minLength?: number;
  maxLength?: number;
}

/** What a control inside a FieldFrame is given: its id, and the ids of its hint and error (aria-describedby). */
export interface FieldControl {
  id: string;
  describedBy: string | undefined;
  invalid: true | undefined;
}

/**
 * The frame of every form field: its label (with « (obligatoire) »), its hint and its error next to it, tied to the
 * control by `aria-describedby`; ids are `champ-<name>`, `-aide` and `-erreur` (the error summary links to them).
 */
export function FieldFrame({
  name,
  label,
  required,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  children: (control: FieldControl) => React.ReactNode;
}) {
  const id = `champ-${name}`;
  const describedBy = [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="field__required"> (obligatoire)</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-aide`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-erreur`}>
          {error}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: error ? true : undefined })}
    </div>
  );
}

/** A labelled input, its hint and its error tied to it (aria-describedby), the typed value kept after a refusal. */
export function TextField({ name, label, type = 'text', autoComplete, required, hint, result, defaultValue, minLength, maxLength }: FieldProps) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={result?.fieldErrors[name]}>
      {(control) => (
        <input
          id={control.id}
          name={name}
          type={type}
          autoComplete={autoComplete}
          required={required}
          minLength={minLength}
          maxLength={maxLength}
          aria-invalid={control.invalid}
          aria-describedby={control.describedBy}
          defaultValue={type === 'password' ? undefined : (result?.values[name] ?? defaultValue)}
        />
      )}
    </FieldFrame>
  );
}

/** The submit button; while the form is being sent (with JavaScript), says so and is not pressed twice. */
export function SubmitButton({
  children,
  pendingText,
  name,
  value,
  className,
}: {
  children: React.ReactNode;
  pendingText?: string;
  name?: string;
  value?: string;
  className?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && (name === undefined || navigation.formData?.get(name) === value);
  return (
    <button type="submit" className={className ?? 'button'} name={name} value={value} disabled={busy} aria-disabled={busy || undefined}>
      {busy ? (pendingText ?? 'Envoi…') : children}
    </button>
  );
}
