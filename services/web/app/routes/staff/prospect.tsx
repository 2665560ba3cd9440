import { formatParisTime } from '../../lib/display-time';
import { Form, Link, data, redirect, useSearchParams } from 'react-router';
import { CommuneField } from '../../components/commune-select';
import { ErrorSummary, FieldFrame, SubmitButton, TextField } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import type { ProspectKind, ProspectStatus } from '../../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import {
  PROSPECT_KIND_LABELS,
  PROSPECT_STATUS_LABELS,
  SETTABLE_STATUSES,
  SOURCE_KIND_LABELS,
  doneMessage,
  enumParam,
} from '../../lib/prospect-labels';
import { parisDayStart } from '@metropotes/french-time';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/prospect';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const StaffProspectQuery = graphql(`
  query StaffProspect($id: ID!) {
    prospect(id: $id) {
      id
      name
      kind
      status
      themes
      nextStepAt
      createdAt
      lastActivityAt
      commune {
        code
        name
      }
      contact {
        email
        phone
        website
      }
      source {
        kind
        note
        watchItem {
          id
          title
        }
        event {
          id
        }
      }
      owner {
        id
        displayName
      }
      notes {
        text
        at
        author {
          id
          displayName
        }
      }
      joinedMember {
        id
        displayName
      }
    }
    territories {
      ...CommuneChoices
    }
  }
`);

const AddProspectNote = graphql(`
  mutation StaffAddProspectNote($id: ID!, $text: String!) {
    addProspectNote(id: $id, text: $text) {
      id
    }
  }
`);

const UpdateProspect = graphql(`
  mutation StaffUpdateProspect($id: ID!, $input: UpdateProspectInput!) {
    updateProspect(id: $id, input: $input) {
      id
    }
  }
`);

const InviteProspect = graphql(`
  mutation StaffInviteProspect($id: ID!, $message: String) {
    inviteProspect(id: $id, message: $message) {
      id
      status
    }
  }
`);

const LABELS: Record<string, string> = {
  text: 'Note',
  name: 'Nom',
  kind: 'Type',
  status: 'Où en est-on',
  communeCode: 'Commune',
  email: 'Adresse e-mail',
  phone: 'Téléphone',
  nextStepAt: 'Prochaine étape le',
  message: 'Message personnel (facultatif)',
};

const DONE: Record<string, (n: number) => string> = {
  repere: () => 'Acteur repéré : il est dans la liste du repérage.',
  note: () => 'Note ajoutée.',
  modifie: () => 'Fiche du contact enregistrée.',
  invite: () => 'Invitation envoyée : l’e-mail part dans quelques instants.',
};

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: pageTitle(loaderData ? `${loaderData.prospect.name} – repérage` : 'Repérage') },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  const result = await queryOrThrow(context, StaffProspectQuery, { id: params.id });
  if (!result.prospect) throw data({ message: "Ce contact n'existe pas (ou ses données ont été effacées)." }, { status: 404 });
  return { prospect: result.prospect, territories: result.territories };
}

/** Renames the API's fields (`input.contact.email`) to the form's (`email`). */
function fieldsOfForm(fieldErrors: Record<string, string>): Record<string, string> {
  const renamed: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors)) renamed[field.replace(/^contact\./, '')] = message;
  return renamed;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const intent = text(form, 'intent');
  const here = `/equipe/reperage/${encodeURIComponent(params.id)}`;

  if (intent === 'note') {
    if (!values.text) return formRefusal({ text: 'Écrivez la note avant de l’ajouter.' }, values);
    const result = await gatewayRequest(context, AddProspectNote, { id: params.id, text: values.text });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(`${here}?fait=note#notes`, 303);
  }

  if (intent === 'update') {
    const errors: Record<string, string> = {};
    const status = enumParam(PROSPECT_STATUS_LABELS, values.status ?? null);
    const kind = enumParam(PROSPECT_KIND_LABELS, values.kind ?? null);
    let nextStepAt: Date | null = null;
    if (values.nextStepAt) {
      nextStepAt = parisDayStart(values.nextStepAt);
      if (!nextStepAt) errors.nextStepAt = 'Indiquez une date (par exemple 2026-06-18).';
    }
    if (!values.name) errors.name = 'Le nom ne peut pas être vide.';
    if (Object.keys(errors).length) return formRefusal(errors, values);
    const contact = {
      ...(values.email ? { email: values.email } : {}),
      ...(values.phone ? { phone: values.phone } : {}),
      ...(values.website ? { website: values.website } : {}),
    };
    const result = await gatewayRequest(context, UpdateProspect, {
      id: params.id,
      input: {
        name: values.name!,
        ...(kind ? { kind: kind as ProspectKind } : {}),
        ...(status && values.previousStatus !== status ? { status: status as ProspectStatus } : {}),
        ...(values.communeCode ? { communeCode: values.communeCode } : {}),
        ...(values.hasContact === '1' || Object.keys(contact).length ? { contact } : {}),
        ...(nextStepAt ? { nextStepAt: nextStepAt.toISOString() } : {}),
      },
    });
    if (!result.ok) return formFailure({ ...result.failure, fieldErrors: fieldsOfForm(result.failure.fieldErrors) }, values);
    return redirect(`${here}?fait=modifie`, 303);
  }

  if (intent === 'invite') {
    const result = await gatewayRequest(context, InviteProspect, { id: params.id, message: values.message || null });
    if (!result.ok) {
      // The missing address is named `email`: it is shown with the invitation, where the staff member acts.
      const { email, ...others } = result.failure.fieldErrors;
      return formFailure({ ...result.failure, fieldErrors: others, ...(email ? { message: email } : {}) }, values);
    }
    return redirect(`${here}?fait=invite`, 303);
  }

  return formRefusal({}, values, 'Action inconnue.');
}

export default function StaffProspect({ loaderData, actionData }: Route.ComponentProps) {
  const { prospect, territories } = loaderData;
  const now = useNow();
  const [searchParams] = useSearchParams();
  const done = actionData ? null : doneMessage(DONE, searchParams);
  const intent = actionData?.values.intent;
  const noteResult = intent === 'note' ? actionData : undefined;
  const updateResult = intent === 'update' ? actionData : undefined;
  const inviteResult = intent === 'invite' ? actionData : undefined;
  const declined = prospect.status === 'DECLINED';
  const joined = prospect.status === 'JOINED';
  const canInvite = !declined && !joined && Boolean(prospect.contact?.email);
  const selectError = (name: string) => updateResult?.fieldErrors[name];
  const nextStepDay = prospect.nextStepAt ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(prospect.nextStepAt)) : '';
  return (
    <div className="page staff-page">
      <p>
        <Link to="/equipe/reperage">← Retour au repérage</Link>
      </p>
      <h1>{prospect.name}</h1>
      {done ? (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      ) : null}
      {declined ? (
        <p className="notice notice--warning">
          <strong>Ne plus contacter.</strong> Cette personne a demandé à ne plus être contactée : elle ne recevra plus aucun e-mail du réseau, et ses
          coordonnées ont été effacées.
        </p>
      ) : null}
      {joined ? (
        <p className="notice notice--info">A rejoint le réseau{prospect.joinedMember ? ` : ${prospect.joinedMember.displayName}` : ''}.</p>
      ) : null}

      <dl className="staff-facts">
        <dt>Où en est-on</dt>
        <dd>{PROSPECT_STATUS_LABELS[prospect.status]}</dd>
        <dt>Type</dt>
        <dd>{PROSPECT_KIND_LABELS[prospect.kind]}</dd>
        <dt>Commune</dt>
        <dd>{prospect.commune?.name ?? '—'}</dd>
        <dt>Repéré</dt>
        <dd>
          <time dateTime={prospect.createdAt}>{formatParisTime(prospect.createdAt, { now, style: 'date' })}</time>
          {' · '}
          {SOURCE_KIND_LABELS[prospect.source.kind]}
          {prospect.source.watchItem ? (
            <>
              {' : '}
              <Link to={`/equipe/veille/${prospect.source.watchItem.id}`}>{prospect.source.watchItem.title}</Link>
            </>
          ) : null}
          {prospect.source.note ? ` · ${prospect.source.note}` : ''}
        </dd>
        <dt>Prochaine étape</dt>
        <dd>
          {prospect.nextStepAt ? <time dateTime={prospect.nextStepAt}>{formatParisTime(prospect.nextStepAt, { now, style: 'date' })}</time> : '—'}
        </dd>
        <dt>Suivi par</dt>
        <dd>{prospect.owner?.displayName ?? '—'}</dd>
        <dt>E-mail</dt>
        <dd>{prospect.contact?.email ?? '—'}</dd>
      </dl>

      <section aria-labelledby="titre-invitation">
        <h2 id="titre-invitation">Inviter dans le réseau</h2>
        {declined ? (
          <p>Pas d’invitation possible : cette personne a demandé à ne plus être contactée.</p>
        ) : joined ? (
          <p>Déjà membre du réseau.</p>
        ) : !prospect.contact?.email ? (
          <p>Ajoutez d’abord son adresse e-mail (ci-dessous) pour pouvoir l’inviter.</p>
        ) : null}
        {canInvite ? (
          <>
            <p>
              Un e-mail part à {prospect.contact!.email} avec un lien personnel pour s’inscrire (valable 30 jours) et un lien pour ne plus être
              contacté.
            </p>
            <ErrorSummary result={inviteResult} labels={LABELS} />
            <Form method="post" className="form" aria-labelledby="titre-invitation" noValidate>
              <input type="hidden" name="intent" value="invite" />
              <div className={`field${inviteResult?.fieldErrors.message ? ' field--error' : ''}`}>
                <label htmlFor="champ-message">{LABELS.message}</label>
                {inviteResult?.fieldErrors.message ? (
                  <p className="field__error" id="champ-message-erreur">
                    {inviteResult.fieldErrors.message}
                  </p>
                ) : null}
                <textarea
                  id="champ-message"
                  name="message"
                  rows={4}
                  maxLength={2000}
                  defaultValue={inviteResult?.values.message ?? ''}
                  aria-invalid={inviteResult?.fieldErrors.message ? true : undefined}
                  aria-describedby={inviteResult?.fieldErrors.message ? 'champ-message-erreur' : undefined}
                />
              </div>
              <SubmitButton pendingText="Envoi…">Envoyer l’invitation</SubmitButton>
            </Form>
          </>
        ) : null}
      </section>

      <section id="notes" aria-labelledby="titre-notes">
        <h2 id="titre-notes">Notes</h2>
        {prospect.notes.length === 0 ? <p>Pas encore de note.</p> : null}
        <ol className="staff-notes">
          {prospect.notes.map((note, index) => (
            <li key={index}>
              <p className="muted">
                <time dateTime={note.at}>{formatParisTime(note.at, { now })}</time> · {note.author?.displayName ?? 'compte effacé'}
              </p>
              <p>{note.text}</p>
            </li>
          ))}
        </ol>
        <ErrorSummary result={noteResult} labels={LABELS} />
        <Form method="post" className="form" aria-labelledby="titre-notes" noValidate>
          <input type="hidden" name="intent" value="note" />
          <div className={`field${noteResult?.fieldErrors.text ? ' field--error' : ''}`}>
            <label htmlFor="champ-text">Nouvelle note</label>
            {noteResult?.fieldErrors.text ? (
              <p className="field__error" id="champ-text-erreur">
                {noteResult.fieldErrors.text}
              </p>
            ) : null}
            <textarea
              id="champ-text"
              name="text"
              rows={3}
              defaultValue={noteResult?.values.text ?? ''}
              aria-invalid={noteResult?.fieldErrors.text ? true : undefined}
              aria-describedby={noteResult?.fieldErrors.text ? 'champ-text-erreur' : undefined}
            />
          </div>
          <SubmitButton pendingText="Envoi…">Ajouter la note</SubmitButton>
        </Form>
      </section>

      {declined ? null : (
        <section aria-labelledby="titre-fiche">
          <h2 id="titre-fiche">Modifier</h2>
          <ErrorSummary result={updateResult} labels={LABELS} />
          <Form method="post" className="form" aria-labelledby="titre-fiche" noValidate>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="previousStatus" value={prospect.status} />
            <input type="hidden" name="hasContact" value={prospect.contact?.email || prospect.contact?.phone ? '1' : '0'} />
            <TextField name="name" label={LABELS.name!} required result={updateResult} defaultValue={prospect.name} maxLength={120} />
            {joined ? null : (
              <SelectField
                name="status"
                label={LABELS.status!}
                error={selectError('status')}
                defaultValue={updateResult?.values.status ?? prospect.status}
              >
                {(SETTABLE_STATUSES.includes(prospect.status) ? SETTABLE_STATUSES : [prospect.status, ...SETTABLE_STATUSES]).map((status) => (
                  <option key={status} value={status}>
                    {PROSPECT_STATUS_LABELS[status]}
                  </option>
                ))}
              </SelectField>
            )}
            <SelectField name="kind" label={LABELS.kind!} error={selectError('kind')} defaultValue={updateResult?.values.kind ?? prospect.kind}>
              {(Object.keys(PROSPECT_KIND_LABELS) as ProspectKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {PROSPECT_KIND_LABELS[kind]}
                </option>
              ))}
            </SelectField>
            <CommuneField
              territories={territories}
              name="communeCode"
              label={LABELS.communeCode}
              emptyLabel="Non renseignée"
              defaultValue={updateResult?.values.communeCode ?? prospect.commune?.code ?? ''}
              error={selectError('communeCode') || undefined}
            />
            <TextField name="email" type="email" label={LABELS.email!} result={updateResult} defaultValue={prospect.contact?.email ?? ''} />
            <TextField name="phone" label={LABELS.phone!} result={updateResult} defaultValue={prospect.contact?.phone ?? ''} />
            <input type="hidden" name="website" value={prospect.contact?.website ?? ''} />
            <div className={`field${selectError('nextStepAt') ? ' field--error' : ''}`}>
              <label htmlFor="champ-nextStepAt">{LABELS.nextStepAt}</label>
              {selectError('nextStepAt') ? (
                <p className="field__error" id="champ-nextStepAt-erreur">
                  {selectError('nextStepAt')}
                </p>
              ) : null}
              <input
                type="date"
                id="champ-nextStepAt"
                name="nextStepAt"
                defaultValue={updateResult?.values.nextStepAt ?? nextStepDay}
                aria-invalid={selectError('nextStepAt') ? true : undefined}
                aria-describedby={selectError('nextStepAt') ? 'champ-nextStepAt-erreur' : undefined}
              />
            </div>
            <SubmitButton pendingText="Envoi…">Enregistrer</SubmitButton>
          </Form>
        </section>
      )}
    </div>
  );
}

function SelectField({
  name,
  label,
  error,
  defaultValue,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  defaultValue: string;
  children: React.ReactNode;
}) {
  return (
    <FieldFrame name={name} label={label} error={error}>
      {(control) => (
        <select id={control.id} name={name} defaultValue={defaultValue} aria-invalid={control.invalid} aria-describedby={control.describedBy}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}
