import { formatParisTime } from '../lib/display-time';
import type { ReactNode } from 'react';
import { data, Link, useSearchParams } from 'react-router';
import { ReportForm } from '../components/report-form';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { ACTOR_KIND_LABELS, SCALE_LABELS, THEME_LABELS } from '../lib/guide-labels';
import { pageTitle } from '../lib/meta';
import { useNow } from '../lib/use-now';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/guide-article';

const GuideArticleQuery = graphql(`
  query GuideArticlePage($slug: String!) {
    guideArticle(slug: $slug) {
      id
      slug
      title
      summary
      bodyHtml
      status
      scales
      themes
      updatedAt
      steps {
        title
        textHtml
      }
      communes {
        code
        name
      }
      actors {
        id
        name
        kind
        website
        contact
        commune {
          name
        }
      }
      # An author whose profile is hidden from the viewer is a null item (the fiche still reads): « un membre ».
      authors {
        id
        displayName
      }
      pendingRevision {
        id
        createdAt
      }
      reviewNote
    }
  }
`);

export async function loader({ params, context }: Route.LoaderArgs) {
  const result = await queryOrThrow(context, GuideArticleQuery, { slug: params.slug });
  if (!result.guideArticle) throw data({ message: "Cette fiche n'existe pas, ou elle n'est pas publiée." }, { status: 404 });
  const me = currentSession(context)?.member.id;
  return { article: result.guideArticle, signedIn: Boolean(me), isAuthor: Boolean(me && result.guideArticle.authors.some((a) => a?.id === me)) };
}

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData
    ? [{ title: pageTitle(loaderData.article.title) }, { name: 'description', content: loaderData.article.summary }]
    : [{ title: pageTitle('Fiche introuvable') }];

const STATUS_NOTICES: Record<string, string> = {
  DRAFT: 'Brouillon : seuls ses auteurs le voient. Demandez la relecture depuis la page de modification.',
  IN_REVIEW: 'En relecture : l’équipe la publiera après l’avoir relue.',
  ARCHIVED: 'Fiche archivée : elle n’est plus dans le guide.',
};

/** « Awa Diallo, Karim B. et un membre »: the authors the viewer may see, by name and linked; the others unnamed. */
function AuthorsLine({ authors }: { authors: ({ id: string; displayName: string } | null)[] }) {
  if (!authors.length) return null;
  const named = authors.filter((author) => author !== null);
  const unnamed = authors.length - named.length;
  const parts: ReactNode[] = named.map((author) => (
    <Link key={author.id} to={`/membres/${author.id}`}>
      {author.displayName}
    </Link>
  ));
  if (unnamed) parts.push(unnamed === 1 ? 'un membre' : `${unnamed} membres`);
  // Intl.ListFormat writes « A, B et C »; its parts let the names stay links.
  const list = new Intl.ListFormat('fr', { type: 'conjunction' }).formatToParts(parts.map((_, index) => String(index)));
  return (
    <p className="guide-article__authors">
      Écrite par {list.map((part, index) => (part.type === 'element' ? <span key={index}>{parts[Number(part.value)]}</span> : part.value))}
      {unnamed && !named.length ? ' du réseau' : ''}.
    </p>
  );
}

export default function GuideArticlePage({ loaderData }: Route.ComponentProps) {
  const { article, signedIn, isAuthor } = loaderData;
  const now = useNow();
  const [searchParams] = useSearchParams();
  const proposed = searchParams.get('proposee') === '1';
  const saved = searchParams.get('enregistree') === '1';
  return (
    <div className="page guide-article">
      <p className="breadcrumb">
        <Link to="/guide">Guide</Link>
      </p>
      <article>
        <h1>{article.title}</h1>
        <div role="status">
          {proposed ? (
            <p className="notice notice--success">
              Merci ! Votre modification est envoyée à l’équipe pour relecture. En attendant, la fiche garde son texte publié.
            </p>
          ) : null}
          {saved ? <p className="notice notice--success">Votre fiche est enregistrée.</p> : null}
        </div>
        {STATUS_NOTICES[article.status] ? <p className="notice notice--info">{STATUS_NOTICES[article.status]}</p> : null}
        {article.reviewNote ? (
          <div className="notice notice--warning">
            <p>L’équipe vous a renvoyé la fiche après relecture :</p>
            <blockquote>{article.reviewNote}</blockquote>
            <p>Modifiez-la, puis demandez à nouveau la relecture.</p>
          </div>
        ) : null}
        {article.pendingRevision && !proposed ? (
          <p className="notice notice--info">
            Une modification proposée le {formatParisTime(article.pendingRevision.createdAt, { now })} attend la relecture de l’équipe.
          </p>
        ) : null}
        <p className="page__lead">{article.summary}</p>
        <p className="guide-card__tags">
          {article.scales.map((scale) => (
            <span key={scale} className="tag">
              {SCALE_LABELS[scale]}
            </span>
          ))}
          {article.themes.map((theme) => (
            <span key={theme} className="tag tag--theme">
              {THEME_LABELS[theme]}
            </span>
          ))}
        </p>
        {isAuthor ? (
          <p>
            <Link className="button button--secondary" to={`/guide/${article.slug}/modifier`}>
              Modifier la fiche
            </Link>
          </p>
        ) : null}

        {/* Sanitised by the guide service (packages/markdown). */}
        {article.bodyHtml.trim() ? <div className="prose" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} /> : null}

        {article.steps.length ? (
          <section aria-labelledby="titre-etapes">
            <h2 id="titre-etapes">Étape par étape</h2>
            <ol className="guide-steps">
              {article.steps.map((step, index) => (
                <li key={index}>
                  <h3>{step.title}</h3>
                  <div className="prose" dangerouslySetInnerHTML={{ __html: step.textHtml }} />
                </li>
              ))}
            </ol>
          </section>
        ) : null}

        {article.actors.length ? (
          <section aria-labelledby="titre-acteurs">
            <h2 id="titre-acteurs">Les acteurs</h2>
            <ul className="actor-list">
              {article.actors.map((actor) => (
                <li key={actor.id}>
                  <strong>{actor.name}</strong> — {ACTOR_KIND_LABELS[actor.kind]}
                  {actor.commune ? `, ${actor.commune.name}` : ''}
                  {actor.website ? (
                    <>
                      {' '}
                      · <a href={actor.website}>site web</a>
                    </>
                  ) : null}
                  {actor.contact ? <> · {actor.contact}</> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {article.communes.length ? (
          <section aria-labelledby="titre-communes">
            <h2 id="titre-communes">Communes concernées</h2>
            <ul className="inline-list">
              {article.communes.map((commune) => (
                <li key={commune.code}>
                  <Link to={`/agenda?commune=${commune.code}`}>{commune.name}</Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <AuthorsLine authors={article.authors} />
        <p className="muted">Mise à jour le {formatParisTime(article.updatedAt, { now, style: 'date' })}.</p>
      </article>
      {signedIn && !isAuthor ? <ReportForm targetType="GUIDE_ARTICLE" targetId={article.id} returnTo={`/guide/${article.slug}`} /> : null}
    </div>
  );
}
