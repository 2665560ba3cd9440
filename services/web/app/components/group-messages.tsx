import { formatParisTime } from '../lib/display-time';
import { Form } from 'react-router';
import { ErrorSummary, FieldFrame, SubmitButton, TextField, type FormResultView } from './form-fields';
import { REPORT_REASON_LABELS } from './report-form';

export interface GroupMessageView {
  id: string;
  subject: string;
  body: string;
  sentAt: string;
  author: { displayName: string } | null;
}

/** The form intents of the group page that concern its messages (routes/group.tsx's action). */
export const GROUP_MESSAGE_INTENTS = ['send-message', 'messages-off', 'messages-on'] as const;

/**
 * A group's messages on its page (its members and staff only): the latest, each with a small "Signaler" form posted
 * to /signaler; whether the member gets them by e-mail (and a button to change it); for its admins and staff, the
 * form that writes to the members. Plain text: React escapes it, line breaks are kept by CSS.
 */
export function GroupMessages({
  groupId,
  messages,
  receives,
  canWrite,
  returnTo,
  result,
}: {
  groupId: string;
  messages: readonly GroupMessageView[];
  receives: boolean | null;
  canWrite: boolean;
  returnTo: string;
  result?: FormResultView;
}) {
  return (
    <section aria-labelledby="titre-messages">
      <h2 id="titre-messages">Messages du groupe</h2>
      {receives !== null ? (
        <Form method="post" className="inline-form">
          <p>
            {receives
              ? 'Vous recevez les messages de ce groupe par e-mail. '
              : 'Vous ne recevez plus les messages de ce groupe par e-mail (vous en restez membre). '}
            <SubmitButton
              name="intent"
              value={receives ? 'messages-off' : 'messages-on'}
              className="button button--secondary"
              pendingText="Un instant…"
            >
              {receives ? 'Ne plus les recevoir' : 'Les recevoir de nouveau'}
            </SubmitButton>
          </p>
        </Form>
      ) : null}
      {messages.length === 0 ? <p className="muted">Aucun message pour l’instant.</p> : null}
      <ul className="group-messages">
        {messages.map((message) => (
          <li key={message.id} className="group-message">
            <h3>{message.subject}</h3>
            <p className="muted">
              {message.author ? `${message.author.displayName}, ` : ''}
              <time dateTime={message.sentAt}>{formatParisTime(message.sentAt)}</time>
            </p>
            <p style={{ whiteSpace: 'pre-wrap' }}>{message.body}</p>
            <details>
              <summary>Signaler</summary>
              <Form method="post" action="/signaler">
                <input type="hidden" name="targetType" value="GROUP_MESSAGE" />
                <input type="hidden" name="targetId" value={message.id} />
                <input type="hidden" name="retour" value={returnTo} />
                <label htmlFor={`raison-${message.id}`}>Raison</label>
                <select id={`raison-${message.id}`} name="reason" required defaultValue="">
                  <option value="" disabled>
                    Choisissez une raison
                  </option>
                  {Object.entries(REPORT_REASON_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                <SubmitButton className="button button--secondary" pendingText="Envoi…">
                  Signaler ce message
                </SubmitButton>
              </Form>
            </details>
          </li>
        ))}
      </ul>
      {canWrite ? (
        <Form method="post" aria-labelledby="titre-ecrire">
          <h3 id="titre-ecrire">Écrire aux membres</h3>
          <p className="field__hint">
            Le message part par e-mail à chaque membre qui reçoit les messages du groupe (quatre messages au plus par semaine).
          </p>
          <ErrorSummary result={result} labels={{ subject: 'Objet', body: 'Message' }} />
          <input type="hidden" name="groupId" value={groupId} />
          <TextField name="subject" label="Objet" required minLength={3} maxLength={150} result={result} />
          <FieldFrame
            name="body"
            label="Message"
            required
            hint="Texte simple : les liens restent du texte. 5000 caractères au plus."
            error={result?.fieldErrors.body}
          >
            {(control) => (
              <textarea
                id={control.id}
                name="body"
                rows={8}
                required
                minLength={10}
                maxLength={5000}
                aria-invalid={control.invalid}
                aria-describedby={control.describedBy}
                defaultValue={result?.values.body ?? ''}
              />
            )}
          </FieldFrame>
          <SubmitButton name="intent" value="send-message" pendingText="Envoi…">
            Envoyer aux membres
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
