import { Form, Link, redirect, useSearchParams } from 'react-router';
import { ChoiceGroup } from '../components/choice-group';
import { CommuneField } from '../components/commune-select';
import { ErrorSummary, SubmitButton, TextField } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { formFailure, formValues } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import { THEME_LABELS, VISIBILITY_LABELS, checkedValues, choicesOf } from '../lib/member-labels';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/my-profile';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const LOG_IN = '/connexion?retour=%2Fmoi%2Fprofil';

const MyProfileQuery = graphql(`
  query MyProfile {
    me {
      id
      profileVisibility
      showAttendedEvents
      neighbourhood
      interests
      skills
      commune {
        code
      }
    }
    territories {
      ...CommuneChoices
    }
  }
`);

const UpdateMyProfile = graphql(`
  mutation UpdateMyProfile($input: UpdateProfileInput!) {
    updateMyProfile(input: $input) {
      id
    }
  }
`);

const LABELS: Record<string, string> = {
  profileVisibility: 'Qui voit mon profil',
  communeCode: 'Ma commune',
  neighbourhood: 'Mon quartier',
  interests: "Ce qui m'intéresse",
  skills: 'Mes savoir-faire',
  showAttendedEvents: 'Montrer les événements où je suis venu·e',
};

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Mon profil') }, { name: 'robots', content: 'noindex' }];

export async function loader({ context }: Route.LoaderArgs) {
  if (!currentSession(context)) throw redirect(LOG_IN);
  const data = await queryOrThrow(context, MyProfileQuery, {});
  if (!data.me) throw redirect(LOG_IN);
  return { me: data.me, territories: data.territories };
}

/** « cuisine, réparation de vélos » → ['cuisine', 'réparation de vélos'] (commas or new lines). */
const skillsOf = (value: string | undefined) =>
  (value ?? '')
    .split(/[,\n]/)
    .map((skill) => skill.trim())
    .filter(Boolean);

export async function action({ request, context }: Route.ActionArgs) {
  if (!currentSession(context)) return redirect(LOG_IN, 303);
  const form = await request.formData();
  const values = formValues(form);
  const interests = checkedValues(form, 'interests', THEME_LABELS);
  const visibility = checkedValues(form, 'profileVisibility', VISIBILITY_LABELS)[0];
  const result = await gatewayRequest(context, UpdateMyProfile, {
    input: {
      ...(visibility ? { profileVisibility: visibility } : {}),
      ...(values.communeCode ? { communeCode: values.communeCode } : {}),
      neighbourhood: values.neighbourhood ?? '',
      interests,
      skills: skillsOf(values.skills),
      showAttendedEvents: values.showAttendedEvents === 'on',
    },
  });
  if (!result.ok) return formFailure(result.failure, { ...values, interests: interests.join(',') });
  return redirect('/moi/profil?enregistre=1', 303);
}

export default function MyProfile({ loaderData, actionData }: Route.ComponentProps) {
  const { me, territories } = loaderData;
  const result = actionData;
  const [searchParams] = useSearchParams();
  const communeError = result?.fieldErrors.communeCode;
  const visibility = new Set([result?.values.profileVisibility ?? me.profileVisibility]);
  const interests = new Set(result ? (result.values.interests ?? '').split(',') : me.interests);
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link to="/moi">Mon espace</Link>
      </p>
      <h1>Mon profil</h1>
      <div role="status">
        {searchParams.has('enregistre') && !result ? <p className="notice notice--success">Votre profil est enregistré.</p> : null}
      </div>
      <ErrorSummary result={result} labels={LABELS} />
      <Form method="post" className="form" noValidate>
        <ChoiceGroup
          name="profileVisibility"
          type="radio"
          legend={LABELS.profileVisibility!}
          choices={choicesOf(VISIBILITY_LABELS)}
          checked={visibility}
          error={result?.fieldErrors.profileVisibility}
        />
        <CommuneField
          territories={territories}
          name="communeCode"
          label={LABELS.communeCode}
          emptyLabel="Choisissez votre commune"
          defaultValue={result?.values.communeCode ?? me.commune?.code}
          error={communeError || undefined}
        />
        <TextField
          name="neighbourhood"
          label={LABELS.neighbourhood!}
          hint="Le nom que vous lui donnez (« Pleyel », « Les Courtillières »…)."
          result={result}
          defaultValue={me.neighbourhood ?? ''}
          maxLength={120}
        />
        <ChoiceGroup
          name="interests"
          legend={LABELS.interests!}
          choices={choicesOf(THEME_LABELS)}
          checked={interests}
          error={result?.fieldErrors.interests}
        />
        <div className={`field${result?.fieldErrors.skills ? ' field--error' : ''}`}>
          <label htmlFor="champ-skills">{LABELS.skills}</label>
          <p className="field__hint" id="champ-skills-aide">
            Ce que vous savez faire et aimeriez partager, séparé par des virgules (« cuisine, réparation de vélos »).
          </p>
          {result?.fieldErrors.skills ? (
            <p className="field__error" id="champ-skills-erreur">
              {result.fieldErrors.skills}
            </p>
          ) : null}
          <textarea
            id="champ-skills"
            name="skills"
            rows={3}
            defaultValue={result?.values.skills ?? me.skills.join(', ')}
            aria-invalid={result?.fieldErrors.skills ? true : undefined}
            aria-describedby={`champ-skills-aide${result?.fieldErrors.skills ? ' champ-skills-erreur' : ''}`}
          />
        </div>
        <div className="field field--checkbox">
          <input
            type="checkbox"
            id="champ-showAttendedEvents"
            name="showAttendedEvents"
            defaultChecked={result ? result.values.showAttendedEvents === 'on' : me.showAttendedEvents}
            aria-describedby="champ-showAttendedEvents-aide"
          />
          <label htmlFor="champ-showAttendedEvents">{LABELS.showAttendedEvents}</label>
          <p className="field__hint" id="champ-showAttendedEvents-aide">
            Les personnes qui voient votre profil voient aussi les événements où votre présence a été notée. Vous et l’équipe d’animation les voyez
            toujours.
          </p>
        </div>
        <SubmitButton pendingText="Enregistrement…">Enregistrer mon profil</SubmitButton>
      </Form>
    </div>
  );
}
