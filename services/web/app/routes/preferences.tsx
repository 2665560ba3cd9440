import { Form, Link, redirect, useSearchParams } from 'react-router';
import { ChoiceGroup } from '../components/choice-group';
import { ErrorSummary, SubmitButton } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { formFailure } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import { DIGEST_LABELS, SCALE_LABELS, THEME_LABELS, checkedValues, choicesOf } from '../lib/member-labels';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/preferences';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

// The e-mails (digest, reminders) link here: signed out, the visitor logs in and comes back.
const LOG_IN = '/connexion?retour=%2Fpreferences';

const PreferencesQuery = graphql(`
  query Preferences {
    me {
      id
      role
      notificationPreferences {
        digestFrequency
        eventReminders
        staffDigest
        welcomeFollowUp
        followedCommunes {
          code
        }
        followedTerritories {
          code
        }
        followedThemes
        followedScales
      }
    }
    territories {
      ...CommuneChoices
    }
  }
`);

const UpdateMyNotificationPreferences = graphql(`
  mutation UpdateMyNotificationPreferences($input: NotificationPreferencesInput!) {
    updateMyNotificationPreferences(input: $input) {
      id
    }
  }
`);

const LABELS: Record<string, string> = {
  digestFrequency: 'La lettre de veille',
  followedTerritories: 'Les territoires que je suis',
  followedCommunes: 'Les communes que je suis',
  followedThemes: 'Les thèmes que je suis',
  followedScales: 'Les échelles des fiches du guide',
  eventReminders: 'Rappels',
  staffDigest: "Récapitulatif de l'équipe",
  welcomeFollowUp: "E-mails d'accueil",
};

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Mes préférences') }, { name: 'robots', content: 'noindex' }];

export async function loader({ context }: Route.LoaderArgs) {
  if (!currentSession(context)) throw redirect(LOG_IN);
  const data = await queryOrThrow(context, PreferencesQuery, {});
  if (!data.me?.notificationPreferences) throw redirect(LOG_IN);
  return {
    preferences: data.me.notificationPreferences,
    territories: data.territories,
    isStaff: data.me.role === 'STAFF' || data.me.role === 'ADMIN',
  };
}

const strings = (form: FormData, name: string) => form.getAll(name).filter((value): value is string => typeof value === 'string' && value !== '');

export async function action({ request, context }: Route.ActionArgs) {
  if (!currentSession(context)) return redirect(LOG_IN, 303);
  const form = await request.formData();
  const digestFrequency = checkedValues(form, 'digestFrequency', DIGEST_LABELS)[0];
  const input = {
    ...(digestFrequency ? { digestFrequency } : {}),
    eventReminders: form.get('eventReminders') === 'oui',
    // Shown to staff and admins only (the API refuses it to others).
    ...(form.get('staffDigestShown') === 'oui' ? { staffDigest: form.get('staffDigest') === 'oui' } : {}),
    welcomeFollowUp: form.get('welcomeFollowUp') === 'oui',
    followedTerritories: strings(form, 'followedTerritories'),
    followedCommunes: strings(form, 'followedCommunes'),
    followedThemes: checkedValues(form, 'followedThemes', THEME_LABELS),
    followedScales: checkedValues(form, 'followedScales', SCALE_LABELS),
  };
  const result = await gatewayRequest(context, UpdateMyNotificationPreferences, { input });
  if (!result.ok) {
    return formFailure(result.failure, {
      digestFrequency: digestFrequency ?? '',
      eventReminders: input.eventReminders ? 'oui' : '',
      staffDigest: input.staffDigest ? 'oui' : '',
      welcomeFollowUp: input.welcomeFollowUp ? 'oui' : '',
      followedTerritories: input.followedTerritories.join(','),
      followedCommunes: input.followedCommunes.join(','),
      followedThemes: input.followedThemes.join(','),
      followedScales: input.followedScales.join(','),
    });
  }
  return redirect('/preferences?enregistre=1', 303);
}

export default function Preferences({ loaderData, actionData }: Route.ComponentProps) {
  const { preferences, territories, isStaff } = loaderData;
  const result = actionData;
  const [searchParams] = useSearchParams();
  const kept = (name: string, saved: string[]) => new Set(result ? (result.values[name] ?? '').split(',') : saved);
  const communes = kept(
    'followedCommunes',
    preferences.followedCommunes.map((c) => c.code),
  );
  const sortedTerritories = [...territories].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const reminders = result ? result.values.eventReminders === 'oui' : preferences.eventReminders;
  const staffDigest = result ? result.values.staffDigest === 'oui' : preferences.staffDigest;
  const welcomeFollowUp = result ? result.values.welcomeFollowUp === 'oui' : preferences.welcomeFollowUp;
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link to="/moi">Mon espace</Link>
      </p>
      <h1>Mes préférences</h1>
      <p className="page__lead">Ce que les Métropotes vous envoient par e-mail, et sur quoi.</p>
      <div role="status">
        {searchParams.has('enregistre') && !result ? <p className="notice notice--success">Vos préférences sont enregistrées.</p> : null}
      </div>
      <ErrorSummary result={result} labels={LABELS} />
      <Form method="post" className="form" noValidate>
        <ChoiceGroup
          name="digestFrequency"
          type="radio"
          legend={LABELS.digestFrequency!}
          hint="Les nouvelles fiches du guide et les rendez-vous de ce que vous suivez."
          choices={choicesOf(DIGEST_LABELS)}
          checked={kept('digestFrequency', [preferences.digestFrequency])}
          error={result?.fieldErrors.digestFrequency}
        />
        <ChoiceGroup
          name="followedTerritories"
          legend={LABELS.followedTerritories!}
          hint="Par défaut, le territoire de votre commune."
          choices={sortedTerritories.map((t) => ({ value: t.code, label: t.name }))}
          checked={kept(
            'followedTerritories',
            preferences.followedTerritories.map((t) => t.code),
          )}
          error={result?.fieldErrors.followedTerritories}
        />
        <fieldset className={`choices${result?.fieldErrors.followedCommunes ? ' field--error' : ''}`} id="champ-followedCommunes" tabIndex={-1}>
          <legend>{LABELS.followedCommunes}</legend>
          <p className="field__hint">En plus des territoires : ouvrez un territoire pour choisir ses communes.</p>
          {result?.fieldErrors.followedCommunes ? <p className="field__error">{result.fieldErrors.followedCommunes}</p> : null}
          {sortedTerritories.map((territory) => {
            const chosen = territory.communes.filter((c) => communes.has(c.code)).length;
            return (
              <details key={territory.code} className="choices__group" open={chosen > 0}>
                <summary>
                  {territory.name}
                  {chosen ? ` (${chosen} choisie${chosen > 1 ? 's' : ''})` : ''}
                </summary>
                <ul className="choices__list">
                  {[...territory.communes]
                    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
                    .map((commune) => (
                      <li key={commune.code} className="choices__item">
                        <input
                          type="checkbox"
                          id={`commune-${commune.code}`}
                          name="followedCommunes"
                          value={commune.code}
                          defaultChecked={communes.has(commune.code)}
                        />
                        <label htmlFor={`commune-${commune.code}`}>{commune.name}</label>
                      </li>
                    ))}
                </ul>
              </details>
            );
          })}
        </fieldset>
        <ChoiceGroup
          name="followedThemes"
          legend={LABELS.followedThemes!}
          choices={choicesOf(THEME_LABELS)}
          checked={kept('followedThemes', preferences.followedThemes)}
          error={result?.fieldErrors.followedThemes}
        />
        <ChoiceGroup
          name="followedScales"
          legend={LABELS.followedScales!}
          hint="Aucune case cochée : toutes les échelles."
          choices={choicesOf(SCALE_LABELS)}
          checked={kept('followedScales', preferences.followedScales)}
          error={result?.fieldErrors.followedScales}
        />
        <div className="field field--checkbox" id="champ-eventReminders">
          <input type="checkbox" id="champ-eventReminders-oui" name="eventReminders" value="oui" defaultChecked={reminders} />
          <label htmlFor="champ-eventReminders-oui">M'envoyer un rappel avant les rendez-vous où je suis inscrit·e</label>
        </div>
        {isStaff ? (
          <div className="field field--checkbox" id="champ-staffDigest">
            <input type="hidden" name="staffDigestShown" value="oui" />
            <input
              type="checkbox"
              id="champ-staffDigest-oui"
              name="staffDigest"
              value="oui"
              defaultChecked={staffDigest}
              aria-describedby="champ-staffDigest-aide"
            />
            <label htmlFor="champ-staffDigest-oui">M'envoyer chaque matin ce qui attend l'équipe d'animation</label>
            <p className="field__hint" id="champ-staffDigest-aide">
              Équipe d'animation : un e-mail à 8 h 30 les jours où des propositions, des signalements, de la veille, des nouveaux membres ou des
              tâches en échec attendent.
            </p>
          </div>
        ) : null}
        <div className="field field--checkbox" id="champ-welcomeFollowUp">
          <input type="checkbox" id="champ-welcomeFollowUp-oui" name="welcomeFollowUp" value="oui" defaultChecked={welcomeFollowUp} />
          <label htmlFor="champ-welcomeFollowUp-oui">
            M'envoyer les e-mails d'accueil : une relance si je ne suis pas encore venu·e à un rendez-vous, et des nouvelles des personnes dont je
            suis le binôme
          </label>
        </div>
        <SubmitButton pendingText="Enregistrement…">Enregistrer mes préférences</SubmitButton>
      </Form>
    </div>
  );
}
