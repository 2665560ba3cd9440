import { Form, Link, redirect } from 'react-router';
import { CommuneField } from '../components/commune-select';
import { ErrorSummary, SubmitButton, TextField } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import { currentSession, sessionContext } from '../session/session.server';
import { sessionFrom } from '../../server/session-seal';
import type { Route } from './+types/sign-up';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const SignUpPageQuery = graphql(`
  query SignUpPage {
    territories {
      ...CommuneChoices
    }
  }
`);

const SignUp = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      accessToken
      refreshToken
      member {
        id
        displayName
      }
    }
  }
`);

const LABELS: Record<string, string> = {
  displayName: 'Votre nom ou pseudonyme',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  communeCode: 'Votre commune',
  acceptCharter: 'La charte du réseau',
};

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Rejoindre les Métropotes') }];

export async function loader({ request, context }: Route.LoaderArgs) {
  if (currentSession(context)) throw redirect('/moi');
  const data = await queryOrThrow(context, SignUpPageQuery, {});
  const invitation = new URL(request.url).searchParams.get('invitation');
  return { territories: data.territories, invitation };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form, ['password']);
  const missing: Record<string, string> = {};
  if (!values.displayName) missing.displayName = 'Indiquez le nom sous lequel les autres Métropotes vous verront.';
  if (!values.email) missing.email = 'Indiquez votre adresse e-mail.';
  if (!text(form, 'password')) missing.password = 'Choisissez un mot de passe.';
  if (!values.communeCode) missing.communeCode = 'Choisissez votre commune.';
  if (form.get('acceptCharter') !== 'oui') missing.acceptCharter = 'Pour rejoindre les Métropotes, il faut accepter la charte du réseau.';
  if (Object.keys(missing).length) return formRefusal(missing, values);
  const result = await gatewayRequest(
    context,
    SignUp,
    {
      input: {
        email: values.email!,
        password: String(form.get('password')),
        displayName: values.displayName!,
        communeCode: values.communeCode!,
        acceptCharter: true,
        ...(values.invitation ? { invitationToken: values.invitation } : {}),
      },
    },
    { session: null },
  );
  if (!result.ok) return formFailure(result.failure, values);
  context.get(sessionContext).set(sessionFrom(result.data.signUp));
  return redirect('/moi?bienvenue=1', 303);
}

export default function SignUpPage({ loaderData, actionData }: Route.ComponentProps) {
  const result = actionData;
  const communeError = result?.fieldErrors.communeCode;
  const charterError = result?.fieldErrors.acceptCharter;
  return (
    <div className="page page--narrow">
      <h1>Rejoindre les Métropotes</h1>
      <p className="page__lead">
        L'inscription est gratuite. Elle vous permet de vous inscrire aux rendez-vous du réseau et de recevoir des nouvelles de votre territoire.
      </p>
      <ErrorSummary result={result} labels={LABELS} />
      <Form method="post" className="form" noValidate>
        {loaderData.invitation ? <input type="hidden" name="invitation" value={loaderData.invitation} /> : null}
        <TextField
          name="displayName"
          label={LABELS.displayName!}
          autoComplete="nickname"
          required
          result={result}
          maxLength={80}
          hint="Il apparaît sur votre profil et vos inscriptions."
        />
        <TextField
          name="email"
          label={LABELS.email!}
          type="email"
          autoComplete="email"
          required
          result={result}
          hint="Nous vous enverrons un lien pour la confirmer."
        />
        <TextField
          name="password"
          label={LABELS.password!}
          type="password"
          autoComplete="new-password"
          required
          result={result}
          hint="Au moins 10 caractères ; une phrase facile à retenir fait un bon mot de passe."
        />
        <CommuneField
          territories={loaderData.territories}
          name="communeCode"
          label={LABELS.communeCode}
          emptyLabel="Choisissez votre commune"
          defaultValue={result?.values.communeCode}
          error={communeError || undefined}
          required
        />
        <div className={`field field--checkbox${charterError ? ' field--error' : ''}`}>
          {charterError ? (
            <p className="field__error" id="champ-acceptCharter-erreur">
              {charterError}
            </p>
          ) : null}
          <input
            type="checkbox"
            id="champ-acceptCharter"
            name="acceptCharter"
            value="oui"
            required
            defaultChecked={result?.values.acceptCharter === 'oui'}
            aria-invalid={charterError ? true : undefined}
            aria-describedby={charterError ? 'champ-acceptCharter-erreur' : undefined}
          />
          <label htmlFor="champ-acceptCharter">
            J'ai lu et j'accepte la <Link to="/charte">charte des Métropotes</Link>
          </label>
        </div>
        <SubmitButton pendingText="Inscription en cours…">Créer mon compte</SubmitButton>
      </Form>
      <p>
        Déjà Métropote ? <Link to="/connexion">Se connecter</Link>
      </p>
    </div>
  );
}
