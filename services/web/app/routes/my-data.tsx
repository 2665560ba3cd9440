import { Form, Link, redirect } from 'react-router';
import { ErrorSummary, SubmitButton, TextField } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest } from '../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import { currentSession, sessionContext } from '../session/session.server';
import type { Route } from './+types/my-data';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const LOG_IN = '/connexion?retour=%2Fmoi%2Fdonnees';
/** What the member types to say they mean it (besides the password the API asks for). */
const CONFIRMATION = 'SUPPRIMER';

const DeleteMyAccount = graphql(`
  mutation DeleteMyAccount($password: String!) {
    deleteMyAccount(password: $password)
  }
`);

const LABELS: Record<string, string> = { confirmation: 'Confirmation', password: 'Votre mot de passe' };

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Mes données et mon compte') }, { name: 'robots', content: 'noindex' }];

export function loader({ context }: Route.LoaderArgs) {
  if (!currentSession(context)) throw redirect(LOG_IN);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  if (!currentSession(context)) return redirect(LOG_IN, 303);
  const form = await request.formData();
  const values = formValues(form, ['password']);
  const missing: Record<string, string> = {};
  if (values.confirmation?.toUpperCase() !== CONFIRMATION) missing.confirmation = `Tapez ${CONFIRMATION} pour confirmer la suppression.`;
  if (!text(form, 'password')) missing.password = 'Indiquez votre mot de passe.';
  if (Object.keys(missing).length) return formRefusal(missing, values);
  const result = await gatewayRequest(context, DeleteMyAccount, { password: String(form.get('password')) });
  if (!result.ok) return formFailure(result.failure, values);
  // The account is closed: its tokens no longer work; the cookie goes.
  context.get(sessionContext).set(null);
  return redirect('/?compte-supprime=1', 303);
}

export default function MyData({ actionData }: Route.ComponentProps) {
  const result = actionData;
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link to="/moi">Mon espace</Link>
      </p>
      <h1>Mes données et mon compte</h1>
      <section aria-labelledby="titre-export">
        <h2 id="titre-export">Télécharger mes données</h2>
        <p>
          Tout ce que la plateforme garde à votre sujet, service par service, dans un fichier JSON que vous pouvez garder ou emporter ailleurs : votre
          compte (profil, préférences d'e-mails, groupes, connexions), vos inscriptions et présences aux rendez-vous, les fiches et la veille que vous
          avez proposées, vos signalements et les décisions de modération qui vous concernent, et les e-mails que nous vous avons envoyés (leur objet
          et leur date). Vos inscriptions sont aussi dans <Link to="/moi">votre espace</Link>.
        </p>
        <p>
          <a className="button button--secondary" href="/moi/donnees/export.json" download>
            Télécharger mes données (JSON)
          </a>
        </p>
      </section>
      <section aria-labelledby="titre-suppression">
        <h2 id="titre-suppression">Supprimer mon compte</h2>
        <div className="notice notice--warning">
          <p>
            C'est définitif : votre profil, vos inscriptions et vos préférences sont effacés, et vous serez déconnecté·e. Les rendez-vous que vous
            organisez restent, sans votre nom.
          </p>
        </div>
        <ErrorSummary result={result} labels={LABELS} />
        <Form method="post" className="form" noValidate>
          <TextField name="confirmation" label={`Tapez ${CONFIRMATION} pour confirmer`} required result={result} autoComplete="off" />
          <TextField name="password" label={LABELS.password!} type="password" autoComplete="current-password" required result={result} />
          <SubmitButton className="button button--danger" pendingText="Suppression…">
            Supprimer définitivement mon compte
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
