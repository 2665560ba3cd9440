import { Form, Link, redirect, useSearchParams } from 'react-router';
import { CommuneField } from '../../components/commune-select';
import { ErrorSummary, SubmitButton, TextField, type FormResultView } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import type { ActorKind, Scale } from '../../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { ACTOR_KIND_LABELS, SCALE_LABELS, SCALES, scaleParam } from '../../lib/guide-labels';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { oneOf } from '../../lib/moderation-labels';
import { staticPage } from '../../lib/static-page';
import type { Route } from './+types/guide-actors';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const HERE = '/equipe/guide/acteurs';

const StaffActorsQuery = graphql(`
  query StaffActors($filter: ActorFilter, $after: String, $editing: ID!, $isEditing: Boolean!) {
    actors(filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...StaffActor
        }
      }
    }
    editing: actor(id: $editing) @include(if: $isEditing) {
      ...StaffActor
    }
    territories {
      ...CommuneChoices
    }
  }
  fragment StaffActor on Actor {
    id
    name
    kind
    scale
    description
    website
    contact
    commune {
      code
      name
    }
  }
`);

const CreateActor = graphql(`
  mutation StaffCreateActor($input: CreateActorInput!) {
    createActor(input: $input) {
      id
    }
  }
`);

const UpdateActor = graphql(`
  mutation StaffUpdateActor($id: ID!, $input: UpdateActorInput!) {
    updateActor(id: $id, input: $input) {
      id
    }
  }
`);

const LABELS: Record<string, string> = {
  name: 'Nom',
  kind: 'Type',
  scale: 'Échelle',
  communeCode: 'Commune',
  description: 'Présentation',
  website: 'Site web',
  contact: 'Contact',
};

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Annuaire des acteurs (équipe)') }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const scale = scaleParam(url.searchParams.get('echelle'));
  const editingId = url.searchParams.get('modifier') ?? '';
  const result = await queryOrThrow(context, StaffActorsQuery, {
    filter: scale ? { scale } : null,
    after: url.searchParams.get('apres') || null,
    editing: editingId || '-',
    isEditing: Boolean(editingId),
  });
  return {
    scale,
    actors: result.actors.edges.map((edge) => edge.node),
    totalCount: result.actors.totalCount,
    nextCursor: result.actors.pageInfo.hasNextPage ? result.actors.pageInfo.endCursor : null,
    editing: result.editing ?? null,
    territories: result.territories,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const id = text(form, 'id');
  const kind = oneOf(ACTOR_KIND_LABELS, text(form, 'kind')) as ActorKind | null;
  const scale = oneOf(SCALE_LABELS, text(form, 'scale')) as Scale | null;
  const errors: Record<string, string> = {};
  if (!text(form, 'name')) errors.name = "Indiquez le nom de l'acteur.";
  if (!kind) errors.kind = 'Choisissez un type.';
  if (!scale) errors.scale = 'Choisissez une échelle.';
  if (Object.keys(errors).length) return formRefusal(errors, values);
  // An emptied optional field is cleared (null); a field never given stays as it is.
  const optional = (name: string) => text(form, name) || null;
  const input = {
    name: text(form, 'name'),
    kind: kind!,
    scale: scale!,
    communeCode: optional('communeCode'),
    description: optional('description'),
    website: optional('website'),
    contact: optional('contact'),
  };
  const result = id ? await gatewayRequest(context, UpdateActor, { id, input }) : await gatewayRequest(context, CreateActor, { input });
  if (!result.ok) return formFailure(result.failure, values);
  return redirect(`${HERE}?fait=${id ? 'modifie' : 'cree'}&nom=${encodeURIComponent(input.name)}`, 303);
}

function ActorForm({
  actor,
  result,
  territories,
}: {
  actor: Route.ComponentProps['loaderData']['editing'];
  result: FormResultView | undefined;
  territories: Route.ComponentProps['loaderData']['territories'];
}) {
  const values = result?.values ?? {};
  const value = (name: string, fallback: string | null | undefined) => values[name] ?? fallback ?? '';
  const selectField = (name: 'kind' | 'scale', options: Array<[string, string]>, fallback: string | undefined) => {
    const error = result?.fieldErrors[name];
    return (
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor={`champ-${name}`}>
          {LABELS[name]}
          <span className="field__required"> (obligatoire)</span>
        </label>
        {error ? (
          <p className="field__error" id={`champ-${name}-erreur`}>
            {error}
          </p>
        ) : null}
        <select
          id={`champ-${name}`}
          name={name}
          defaultValue={value(name, fallback)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `champ-${name}-erreur` : undefined}
        >
          <option value="">Choisissez</option>
          {options.map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  const communeError = result?.fieldErrors.communeCode;
  const descriptionError = result?.fieldErrors.description;
  return (
    <Form method="post" className="actor-form" key={actor?.id ?? 'new'}>
      <ErrorSummary result={result} labels={LABELS} />
      {actor ? <input type="hidden" name="id" value={actor.id} /> : null}
      <TextField name="name" label={LABELS.name} required result={result} defaultValue={actor?.name} />
      {selectField('kind', Object.entries(ACTOR_KIND_LABELS), actor?.kind)}
      {selectField(
        'scale',
        SCALES.map((s) => [s, SCALE_LABELS[s]]),
        actor?.scale,
      )}
      <CommuneField
        territories={territories}
        name="communeCode"
        label={LABELS.communeCode}
        emptyLabel="Aucune commune en particulier"
        defaultValue={value('communeCode', actor?.commune?.code)}
        error={communeError || undefined}
      />
      <div className={`field${descriptionError ? ' field--error' : ''}`}>
        <label htmlFor="champ-description">{LABELS.description}</label>
        {descriptionError ? (
          <p className="field__error" id="champ-description-erreur">
            {descriptionError}
          </p>
        ) : null}
        <textarea
          id="champ-description"
          name="description"
          rows={3}
          defaultValue={value('description', actor?.description)}
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={descriptionError ? 'champ-description-erreur' : undefined}
        />
      </div>
      <TextField
        name="website"
        label={LABELS.website}
        hint="Adresse complète, https://…"
        result={result}
        defaultValue={actor?.website ?? undefined}
      />
      <TextField
        name="contact"
        label={LABELS.contact}
        hint="Téléphone, adresse e-mail ou postale"
        result={result}
        defaultValue={actor?.contact ?? undefined}
      />
      <SubmitButton pendingText="Enregistrement…">{actor ? 'Enregistrer les modifications' : "Ajouter l'acteur"}</SubmitButton>
      {actor ? (
        <p>
          <Link to={HERE}>Annuler la modification</Link>
        </p>
      ) : null}
    </Form>
  );
}

export default function StaffActorsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { scale, actors, totalCount, nextCursor, editing, territories } = loaderData;
  const [params] = useSearchParams();
  const result = actionData as FormResultView | undefined;
  const done = params.get('fait');
  const name = params.get('nom') ?? '';
  // After a refused update, the form of the actor being edited again.
  const editedId = result?.values.id;
  const edited = editing ?? (editedId ? (actors.find((a) => a.id === editedId) ?? null) : null);
  const more = new URLSearchParams();
  if (scale) more.set('echelle', scale);
  if (nextCursor) more.set('apres', nextCursor);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/equipe/guide">Guide</Link>
      </p>
      <h1>Annuaire des acteurs</h1>
      <div role="status">
        {done === 'cree' ? <p className="notice notice--success">« {name} » est ajouté à l'annuaire.</p> : null}
        {done === 'modifie' ? <p className="notice notice--success">« {name} » est modifié.</p> : null}
      </div>
      <section aria-labelledby="titre-formulaire" className="mod-section">
        <h2 id="titre-formulaire">{edited ? `Modifier « ${edited.name} »` : 'Ajouter un acteur'}</h2>
        <ActorForm actor={edited} result={result} territories={territories} />
      </section>
      <section aria-labelledby="titre-liste" className="mod-section">
        <h2 id="titre-liste">Les acteurs ({totalCount})</h2>
        <Form method="get" className="filter" aria-label="Filtrer les acteurs">
          <div className="field">
            <label htmlFor="filtre-echelle">Échelle</label>
            <select id="filtre-echelle" name="echelle" defaultValue={scale ?? ''}>
              <option value="">Toutes les échelles</option>
              {SCALES.map((s) => (
                <option key={s} value={s}>
                  {SCALE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Filtrer
          </button>
        </Form>
        {actors.length > 0 ? (
          <div className="table-wrapper">
            <table className="staff-table">
              <caption>Acteurs de l'annuaire</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Type</th>
                  <th scope="col">Échelle</th>
                  <th scope="col">Commune</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {actors.map((actor) => (
                  <tr key={actor.id}>
                    <th scope="row">{actor.name}</th>
                    <td>{ACTOR_KIND_LABELS[actor.kind]}</td>
                    <td>{SCALE_LABELS[actor.scale]}</td>
                    <td>{actor.commune?.name ?? ''}</td>
                    <td>
                      <Link to={`${HERE}?modifier=${actor.id}`}>
                        Modifier<span className="visually-hidden"> « {actor.name} »</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Aucun acteur pour ce choix.</p>
        )}
        {nextCursor ? (
          <p className="pager">
            <Link className="button button--secondary" to={`${HERE}?${more.toString()}`}>
              Page suivante
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
