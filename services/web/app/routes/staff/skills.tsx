import { Form, Link, redirect, useSearchParams } from 'react-router';
import { ErrorSummary, SubmitButton, TextField, type FormResultView } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { staticPage } from '../../lib/static-page';
import { formatParisTime } from '../../lib/display-time';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/skills';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const HERE = '/equipe/competences';

/**
 * /equipe/competences: the skills ateliers and formations declare (issue #19). Staff add one, rename it, archive
 * it (no longer offered; the events that declared it keep it). The events service checks every change again.
 */
const StaffSkillsQuery = graphql(`
  query StaffSkills($editing: ID!, $isEditing: Boolean!) {
    skills(includeArchived: true) {
      ...StaffSkill
    }
    editing: skill(id: $editing) @include(if: $isEditing) {
      ...StaffSkill
    }
  }
  fragment StaffSkill on Skill {
    id
    name
    description
    archived
    archivedAt
  }
`);

const CreateSkill = graphql(`
  mutation StaffCreateSkill($input: SkillInput!) {
    createSkill(input: $input) {
      id
    }
  }
`);

const UpdateSkill = graphql(`
  mutation StaffUpdateSkill($id: ID!, $input: UpdateSkillInput!) {
    updateSkill(id: $id, input: $input) {
      id
    }
  }
`);

const ArchiveSkill = graphql(`
  mutation StaffArchiveSkill($id: ID!) {
    archiveSkill(id: $id) {
      id
      name
    }
  }
`);

const LABELS: Record<string, string> = { name: 'Nom de la compétence', description: 'Ce qu’elle recouvre' };

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Compétences (équipe)') }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const editingId = new URL(request.url).searchParams.get('modifier') ?? '';
  const result = await queryOrThrow(context, StaffSkillsQuery, { editing: editingId || '-', isEditing: Boolean(editingId) });
  return { skills: result.skills, editing: result.editing ?? null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const id = text(form, 'id');
  if (text(form, 'intent') === 'archive') {
    const result = await gatewayRequest(context, ArchiveSkill, { id });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(`${HERE}?fait=archive&nom=${encodeURIComponent(result.data.archiveSkill.name)}`, 303);
  }
  const name = text(form, 'name');
  if (!name) return formRefusal({ name: 'Indiquez le nom de la compétence.' }, values);
  const input = { name, description: text(form, 'description') };
  const result = id ? await gatewayRequest(context, UpdateSkill, { id, input }) : await gatewayRequest(context, CreateSkill, { input });
  if (!result.ok) return formFailure(result.failure, values);
  return redirect(`${HERE}?fait=${id ? 'modifie' : 'cree'}&nom=${encodeURIComponent(name)}`, 303);
}

type Skill = Route.ComponentProps['loaderData']['skills'][number];

function SkillForm({ skill, result }: { skill: Skill | null; result: FormResultView | undefined }) {
  const descriptionError = result?.fieldErrors.description;
  const description = result?.values.description ?? skill?.description ?? '';
  return (
    <Form method="post" noValidate className="form" key={skill?.id ?? 'new'}>
      <ErrorSummary result={result} labels={LABELS} />
      {skill ? <input type="hidden" name="id" value={skill.id} /> : null}
      <TextField
        name="name"
        label={LABELS.name!}
        required
        maxLength={80}
        result={result}
        defaultValue={result?.values.name ?? skill?.name}
        hint="Par exemple « Animer une réunion » (80 caractères au plus)."
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
          maxLength={500}
          defaultValue={description}
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={descriptionError ? 'champ-description-erreur' : undefined}
        />
      </div>
      <SubmitButton pendingText="Enregistrement…">{skill ? 'Enregistrer' : 'Ajouter la compétence'}</SubmitButton>
      {skill ? (
        <p>
          <Link to={HERE}>Annuler la modification</Link>
        </p>
      ) : null}
    </Form>
  );
}

export default function StaffSkillsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { skills, editing } = loaderData;
  const [params] = useSearchParams();
  const now = useNow();
  const result = actionData as FormResultView | undefined;
  const isArchive = result?.values.intent === 'archive';
  const formResult = isArchive ? undefined : result;
  const done = params.get('fait');
  const name = params.get('nom') ?? '';
  // After a refused rename, the form of the skill being renamed again.
  const editedId = formResult?.values.id;
  const edited = editing ?? (editedId ? (skills.find((s) => s.id === editedId) ?? null) : null);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/equipe/evenements">Événements</Link>
      </p>
      <h1>Compétences</h1>
      <p>
        Les compétences que les ateliers et les formations déclarent travailler, montrées sur leur page. Une compétence archivée n’est plus proposée,
        mais reste sur les événements qui l’ont déclarée.
      </p>
      <div role="status">
        {done === 'cree' ? <p className="notice notice--success">« {name} » est ajoutée.</p> : null}
        {done === 'modifie' ? <p className="notice notice--success">« {name} » est enregistrée.</p> : null}
        {done === 'archive' ? <p className="notice notice--success">« {name} » est archivée : elle n’est plus proposée.</p> : null}
        {isArchive && result?.formError ? <p className="notice notice--error">{result.formError}</p> : null}
      </div>
      <section aria-labelledby="titre-formulaire" className="mod-section">
        <h2 id="titre-formulaire">{edited ? `Modifier « ${edited.name} »` : 'Ajouter une compétence'}</h2>
        <SkillForm skill={edited} result={formResult} />
      </section>
      <section aria-labelledby="titre-liste" className="mod-section">
        <h2 id="titre-liste">Les compétences ({skills.length})</h2>
        {skills.length ? (
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-competences">
            <table className="staff-table">
              <caption id="legende-competences">Compétences, les archivées en dernier</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Ce qu’elle recouvre</th>
                  <th scope="col">État</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {skills.map((skill) => (
                  <tr key={skill.id}>
                    <th scope="row">{skill.name}</th>
                    <td>{skill.description}</td>
                    <td>{skill.archived && skill.archivedAt ? `Archivée (${formatParisTime(skill.archivedAt, { now })})` : 'Proposée'}</td>
                    <td>
                      <Link to={`${HERE}?modifier=${skill.id}`}>
                        Renommer<span className="visually-hidden"> « {skill.name} »</span>
                      </Link>
                      {skill.archived ? null : (
                        <Form method="post" className="staff-inline-form">
                          <input type="hidden" name="id" value={skill.id} />
                          <button type="submit" name="intent" value="archive" className="button button--secondary">
                            Archiver<span className="visually-hidden"> « {skill.name} »</span>
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Aucune compétence pour l’instant.</p>
        )}
      </section>
    </div>
  );
}
