import { formatParisTime } from '../../lib/display-time';
import { Form, Link, redirect, useSearchParams } from 'react-router';
import { ErrorSummary, SubmitButton, type FormResultView } from '../../components/form-fields';
import { DiffLegend, stepsText, TextDiff, type DiffField } from '../../components/text-diff';
import { graphql } from '../../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/guide-review';

export const handle = staticPage;
export const headers = retryAfterHeaders;

/** What waits for the team in the guide: fiches in review, edits of published fiches; and the published fiches. */
const GuideReviewQuery = graphql(`
  query StaffGuideReview($after: String) {
    inReview: guideArticles(filter: { status: IN_REVIEW }, first: 20) {
      totalCount
      edges {
        node {
          id
          slug
          title
          summary
          body
          version
          updatedAt
          steps {
            title
            text
          }
          authors {
            id
            displayName
          }
          revisions {
            version
            title
            summary
            body
            steps {
              title
              text
            }
          }
        }
      }
    }
    guideRevisionsToReview(first: 20) {
      totalCount
      edges {
        node {
          id
          createdAt
          baseVersion
          title
          summary
          body
          steps {
            title
            text
          }
          proposedBy {
            id
            displayName
          }
          article {
            id
            slug
            title
            summary
            body
            version
            steps {
              title
              text
            }
          }
        }
      }
    }
    published: guideArticles(filter: { status: PUBLISHED }, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          slug
          title
          publishedAt
        }
      }
    }
  }
`);

const PublishFiche = graphql(`
  mutation StaffPublishFiche($id: ID!) {
    publishGuideArticle(id: $id) {
      id
      status
    }
  }
`);

const ArchiveFiche = graphql(`
  mutation StaffArchiveFiche($id: ID!) {
    archiveGuideArticle(id: $id) {
      id
      status
    }
  }
`);

const ReturnFiche = graphql(`
  mutation StaffReturnFicheToDraft($id: ID!, $reason: String!) {
    returnGuideArticleToDraft(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

const ApproveRevision = graphql(`
  mutation StaffApproveFicheRevision($id: ID!) {
    approveGuideArticleRevision(id: $id) {
      id
      status
    }
  }
`);

const RejectRevision = graphql(`
  mutation StaffRejectFicheRevision($id: ID!, $reason: String!) {
    rejectGuideArticleRevision(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

/** The confirmations after an action (`?fait=…`). */
const DONE: Record<string, string> = {
  publiee: 'La fiche est publiée : tout le monde peut la lire.',
  renvoyee: 'La fiche est renvoyée à ses auteurs comme brouillon : ils liront le motif avec la fiche.',
  archivee: "La fiche est archivée : elle n'est plus publiée.",
  approuvee: 'La modification est approuvée : la fiche publiée la montre désormais.',
  refusee: 'La modification est refusée : ses auteurs liront le motif, la fiche reste telle quelle.',
};

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Relecture du guide') }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const after = new URL(request.url).searchParams.get('apres') || null;
  const result = await queryOrThrow(context, GuideReviewQuery, { after });
  return {
    inReview: result.inReview.edges.map((edge) => edge.node),
    inReviewCount: result.inReview.totalCount,
    revisions: result.guideRevisionsToReview.edges.map((edge) => edge.node),
    revisionsCount: result.guideRevisionsToReview.totalCount,
    published: result.published.edges.map((edge) => edge.node),
    publishedCount: result.published.totalCount,
    nextCursor: result.published.pageInfo.hasNextPage ? result.published.pageInfo.endCursor : null,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const intent = text(form, 'intent');
  const id = text(form, 'id');
  if (!id) return formRefusal({}, values, 'Cette fiche est introuvable.');
  if (intent === 'reject' || intent === 'return') {
    const reason = text(form, 'reason');
    if (!reason)
      return formRefusal({ reason: `Indiquez le motif ${intent === 'reject' ? 'du refus' : 'du renvoi'} : les auteurs le liront.` }, values);
    const result =
      intent === 'reject'
        ? await gatewayRequest(context, RejectRevision, { id, reason })
        : await gatewayRequest(context, ReturnFiche, { id, reason });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(`/equipe/guide?fait=${intent === 'reject' ? 'refusee' : 'renvoyee'}`, 303);
  }
  const done =
    intent === 'publish'
      ? await gatewayRequest(context, PublishFiche, { id })
      : intent === 'archive'
        ? await gatewayRequest(context, ArchiveFiche, { id })
        : intent === 'approve'
          ? await gatewayRequest(context, ApproveRevision, { id })
          : null;
  if (!done) return formRefusal({}, values, "Cette action n'existe pas.");
  if (!done.ok) return formFailure(done.failure, values);
  const word = intent === 'publish' ? 'publiee' : intent === 'archive' ? 'archivee' : 'approuvee';
  return redirect(`/equipe/guide?fait=${word}`, 303);
}

type Texts = { title: string; summary: string; body: string; steps: ReadonlyArray<{ title: string; text: string }> };

const fieldsOf = (before: Texts | null, after: Texts): DiffField[] => [
  { label: 'Titre', before: before?.title ?? '', after: after.title },
  { label: 'Résumé', before: before?.summary ?? '', after: after.summary },
  { label: 'Texte', before: before?.body ?? '', after: after.body },
  { label: 'Étapes', before: before ? stepsText(before.steps) : '', after: stepsText(after.steps) },
];

/** The reason of a refusal or a send-back, its error next to it and what was typed kept. */
function ReasonField({ id, label, result }: { id: string; label: string; result: FormResultView | undefined }) {
  const reasonError = result?.fieldErrors.reason;
  const fieldId = `motif-${id}`;
  return (
    <div className={`field${reasonError ? ' field--error' : ''}`}>
      <label htmlFor={fieldId}>
        {label}
        <span className="field__required"> (obligatoire pour cette action)</span>
      </label>
      {reasonError ? (
        <p className="field__error" id={`${fieldId}-erreur`}>
          {reasonError}
        </p>
      ) : null}
      <textarea
        id={fieldId}
        name="reason"
        rows={2}
        maxLength={2000}
        defaultValue={result?.values.reason ?? ''}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={reasonError ? `${fieldId}-erreur` : undefined}
      />
    </div>
  );
}

/** The refusal of this form (the action's answer names the item it was about). */
const resultFor = (result: FormResultView | undefined, id: string) => (result?.values.id === id ? result : undefined);

export default function GuideReviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const { inReview, inReviewCount, revisions, revisionsCount, published, publishedCount, nextCursor } = loaderData;
  const now = useNow();
  const [params] = useSearchParams();
  const done = DONE[params.get('fait') ?? ''];
  const result = actionData as FormResultView | undefined;
  return (
    <div className="page">
      <h1>Relecture du guide</h1>
      <p>
        <Link to="/equipe/guide/acteurs">Annuaire des acteurs</Link>
      </p>
      <div role="status">{done ? <p className="notice notice--success">{done}</p> : null}</div>
      {result?.formError && !result.values.id ? <ErrorSummary result={result} labels={{}} /> : null}
      <DiffLegend />

      <section aria-labelledby="titre-a-relire" className="mod-section">
        <h2 id="titre-a-relire">Fiches à relire ({inReviewCount})</h2>
        {inReview.length === 0 ? <p>Aucune fiche n'attend de relecture.</p> : null}
        {inReview.map((fiche) => {
          const previous = fiche.revisions[0] ?? null;
          return (
            <article key={fiche.id} className="review-item" aria-labelledby={`fiche-${fiche.id}`}>
              <h3 id={`fiche-${fiche.id}`}>{fiche.title}</h3>
              <p className="muted">
                Par {fiche.authors.map((a) => a?.displayName ?? 'un membre').join(', ') || 'un·e ancien·ne membre'} · version {fiche.version} ·
                modifiée {formatParisTime(fiche.updatedAt, { now })}
              </p>
              <p>
                {previous
                  ? `Différences avec la version ${previous.version} :`
                  : 'Nouvelle fiche, sans version précédente : tout son texte est nouveau.'}
              </p>
              <TextDiff fields={fieldsOf(previous, fiche)} />
              {resultFor(result, fiche.id)?.formError ? (
                <ErrorSummary result={{ ...resultFor(result, fiche.id)!, fieldErrors: {} }} labels={{}} />
              ) : null}
              <Form method="post" className="review-item__actions">
                <input type="hidden" name="id" value={fiche.id} />
                <SubmitButton name="intent" value="publish" pendingText="Publication…">
                  Publier « {fiche.title} »
                </SubmitButton>
              </Form>
              <Form method="post" className="review-item__reject">
                <input type="hidden" name="id" value={fiche.id} />
                <ReasonField id={fiche.id} label="Motif du renvoi aux auteurs" result={resultFor(result, fiche.id)} />
                <SubmitButton className="button button--secondary" name="intent" value="return" pendingText="Renvoi…">
                  Renvoyer aux auteurs
                </SubmitButton>
              </Form>
            </article>
          );
        })}
      </section>

      <section aria-labelledby="titre-modifications" className="mod-section">
        <h2 id="titre-modifications">Modifications proposées de fiches publiées ({revisionsCount})</h2>
        {revisions.length === 0 ? <p>Aucune modification n'attend de relecture.</p> : null}
        {revisions.map((revision) => {
          const mine = resultFor(result, revision.id);
          return (
            <article key={revision.id} className="review-item" aria-labelledby={`modification-${revision.id}`}>
              <h3 id={`modification-${revision.id}`}>Modification de « {revision.article?.title ?? revision.title} »</h3>
              <p className="muted">
                Proposée par {revision.proposedBy?.displayName ?? 'un·e ancien·ne membre'}, {formatParisTime(revision.createdAt, { now })}, sur la
                version {revision.baseVersion}
                {revision.article && revision.article.version !== revision.baseVersion
                  ? ` (la fiche est depuis passée à la version ${revision.article.version})`
                  : ''}
              </p>
              {revision.article ? (
                <p>
                  <Link to={`/guide/${revision.article.slug}`}>La fiche publiée</Link> ; différences avec son texte publié :
                </p>
              ) : null}
              <TextDiff fields={fieldsOf(revision.article ?? null, revision)} />
              {mine?.formError ? <ErrorSummary result={{ ...mine, fieldErrors: {} }} labels={{}} /> : null}
              <Form method="post" className="review-item__actions">
                <input type="hidden" name="id" value={revision.id} />
                <SubmitButton name="intent" value="approve" pendingText="Approbation…">
                  Approuver la modification
                </SubmitButton>
              </Form>
              <Form method="post" className="review-item__reject">
                <input type="hidden" name="id" value={revision.id} />
                <ReasonField id={revision.id} label="Motif du refus" result={mine} />
                <SubmitButton className="button button--secondary" name="intent" value="reject" pendingText="Refus…">
                  Refuser la modification
                </SubmitButton>
              </Form>
            </article>
          );
        })}
      </section>

      <section aria-labelledby="titre-publiees" className="mod-section">
        <h2 id="titre-publiees">Fiches publiées ({publishedCount})</h2>
        <p>Archiver une fiche la retire du guide ; elle reste consultable par l'équipe.</p>
        {published.length > 0 ? (
          <div className="table-wrapper">
            <table className="staff-table">
              <caption>Fiches publiées</caption>
              <thead>
                <tr>
                  <th scope="col">Fiche</th>
                  <th scope="col">Publiée</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {published.map((fiche) => (
                  <tr key={fiche.id}>
                    <th scope="row">
                      <Link to={`/guide/${fiche.slug}`}>{fiche.title}</Link>
                    </th>
                    <td>{fiche.publishedAt ? formatParisTime(fiche.publishedAt, { now, style: 'date' }) : ''}</td>
                    <td>
                      <ErrorSummary result={resultFor(result, fiche.id)} labels={{}} />
                      <Form method="post">
                        <input type="hidden" name="id" value={fiche.id} />
                        <SubmitButton className="button button--secondary" name="intent" value="archive" pendingText="Archivage…">
                          Archiver<span className="visually-hidden"> « {fiche.title} »</span>
                        </SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {nextCursor ? (
          <p className="pager">
            <Link className="button button--secondary" to={`/equipe/guide?apres=${encodeURIComponent(nextCursor)}`}>
              Page suivante
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
