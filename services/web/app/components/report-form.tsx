import { Form, useSearchParams } from 'react-router';
import { ErrorSummary, SubmitButton, type FormResultView } from './form-fields';

export type ReportTarget = 'EVENT' | 'GROUP' | 'MEMBER' | 'GUIDE_ARTICLE' | 'WATCH_ITEM' | 'GROUP_MESSAGE' | 'EVENT_MESSAGE';

export const REPORT_REASON_LABELS = {
  SPAM: 'Publicité ou spam',
  HARASSMENT: 'Harcèlement ou propos blessants',
  HATE: 'Propos haineux ou discriminatoires',
  MISINFORMATION: 'Fausse information',
  PERSONAL_DATA: 'Données personnelles publiées sans accord',
  OFF_TOPIC: 'Hors sujet',
  OTHER: 'Autre raison',
} as const;

/** The query parameter a page is sent back with once its report went through (POST/redirect/GET). */
export const REPORTED_PARAM = 'signalement';

/**
 * "Signaler" on a page: a small form (reason, details) posted to /signaler, which sends the API's reportContent and
 * comes back to the page with a French confirmation. It works without JavaScript (a <details> opens natively).
 */
export function ReportForm({
  targetType,
  targetId,
  returnTo,
  result,
}: {
  targetType: ReportTarget;
  targetId: string;
  returnTo: string;
  result?: FormResultView;
}) {
  const [searchParams] = useSearchParams();
  const sent = searchParams.get(REPORTED_PARAM) === 'envoye';
  const reasonError = result?.fieldErrors.reason;
  const detailsError = result?.fieldErrors.details;
  return (
    <section className="report" aria-labelledby="titre-signaler">
      <h2 id="titre-signaler" className="report__title">
        Signaler un problème
      </h2>
      <div role="status">
        {sent ? (
          <p className="notice notice--success">
            Merci, votre signalement a bien été transmis à l'équipe de modération. Elle l'examinera au plus vite.
          </p>
        ) : null}
      </div>
      <details open={result ? true : undefined}>
        <summary>Signaler ce contenu à l'équipe de modération</summary>
        <Form method="post" action="/signaler" className="report__form">
          <ErrorSummary result={result} labels={{ reason: 'Raison', details: 'Précisions' }} />
          <input type="hidden" name="targetType" value={targetType} />
          <input type="hidden" name="targetId" value={targetId} />
          <input type="hidden" name="retour" value={returnTo} />
          <div className={`field${reasonError ? ' field--error' : ''}`}>
            <label htmlFor="champ-reason">
              Raison<span className="field__required"> (obligatoire)</span>
            </label>
            {reasonError ? (
              <p className="field__error" id="champ-reason-erreur">
                {reasonError}
              </p>
            ) : null}
            <select
              id="champ-reason"
              name="reason"
              required
              defaultValue={result?.values.reason ?? ''}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? 'champ-reason-erreur' : undefined}
            >
              <option value="" disabled>
                Choisissez une raison
              </option>
              {Object.entries(REPORT_REASON_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${detailsError ? ' field--error' : ''}`}>
            <label htmlFor="champ-details">Précisions</label>
            <p className="field__hint" id="champ-details-aide">
              Facultatif : ce qui pose problème, pour aider l'équipe de modération.
            </p>
            {detailsError ? (
              <p className="field__error" id="champ-details-erreur">
                {detailsError}
              </p>
            ) : null}
            <textarea
              id="champ-details"
              name="details"
              rows={4}
              maxLength={2000}
              defaultValue={result?.values.details ?? ''}
              aria-invalid={detailsError ? true : undefined}
              aria-describedby={['champ-details-aide', detailsError ? 'champ-details-erreur' : null].filter(Boolean).join(' ')}
            />
          </div>
          <div className="field field--checkbox">
            <input
              type="checkbox"
              id="champ-notifyOutcome"
              name="notifyOutcome"
              value="oui"
              defaultChecked={result?.values.notifyOutcome === 'oui'}
            />
            <label htmlFor="champ-notifyOutcome">M'informer par e-mail de la suite donnée à mon signalement</label>
          </div>
          <SubmitButton className="button button--secondary" pendingText="Envoi du signalement…">
            Envoyer le signalement
          </SubmitButton>
        </Form>
      </details>
    </section>
  );
}
