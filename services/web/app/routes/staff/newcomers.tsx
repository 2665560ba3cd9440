import { formatParisTime } from '../../lib/display-time';
import { data, Form, Link, redirect, useSearchParams } from 'react-router';
import { ErrorSummary, SubmitButton, type FormResultView } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, text } from '../../lib/forms.server';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { weeksLabel, weeksSince } from '../../lib/staff-labels';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/newcomers';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const PAGE_SIZE = 30;

/** Members not yet welcomed, oldest first, with their buddy if one was chosen. */
const StaffNewcomersQuery = graphql(`
  query StaffNewcomers($first: Int!, $after: String) {
    newcomers(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          displayName
          email
          joinedAt
          commune {
            name
          }
          buddy {
            id
            displayName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Recent members who have not come to an event yet (welcomed or not), oldest sign-up first. */
const StaffNotComeYetQuery = graphql(`
  query StaffNotComeYet($first: Int!, $after: String) {
    newcomers(first: $first, after: $after, filter: { withoutParticipation: true }) {
      totalCount
      edges {
        node {
          id
          displayName
          email
          joinedAt
          weeksSinceSignUp
          welcomeStatus
          commune {
            name
          }
          buddy {
            id
            displayName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const StaffWelcomeMembers = graphql(`
  mutation StaffWelcomeMembers($memberIds: [ID!]!, $note: String) {
    welcomeMembers(memberIds: $memberIds, note: $note) {
      id
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Accueil des nouveaux – console') }, { name: 'robots', content: 'noindex' }];

/** `?vue=pas-venus`: the newcomers who have not come yet. */
const NOT_COME_YET_VIEW = 'pas-venus';

export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const after = params.get('apres') || null;
  if (params.get('vue') === NOT_COME_YET_VIEW) {
    const notYet = await queryOrThrow(context, StaffNotComeYetQuery, { first: PAGE_SIZE, after });
    return {
      view: 'notComeYet' as const,
      notComeYet: notYet.newcomers.edges.map((edge) => edge.node),
      newcomers: [],
      total: notYet.newcomers.totalCount,
      nextCursor: notYet.newcomers.pageInfo.hasNextPage ? notYet.newcomers.pageInfo.endCursor : null,
    };
  }
  const result = await queryOrThrow(context, StaffNewcomersQuery, { first: PAGE_SIZE, after });
  return {
    view: 'toWelcome' as const,
    notComeYet: [],
    newcomers: result.newcomers.edges.map((edge) => edge.node),
    total: result.newcomers.totalCount,
    nextCursor: result.newcomers.pageInfo.hasNextPage ? result.newcomers.pageInfo.endCursor : null,
  };
}

type ActionResult = FormResultView & { selected: string[] };

/** Bulk welcome: the checked newcomers in ONE request (welcomeMembers: all or nothing). */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const memberIds = form.getAll('memberIds').filter((value): value is string => typeof value === 'string' && value !== '');
  const note = text(form, 'note');
  const values = { note };
  if (memberIds.length === 0) {
    const refusal = formRefusal({ memberIds: 'Cochez au moins une personne à accueillir.' }, values);
    return data<ActionResult>({ ...refusal.data, selected: [] }, refusal.init ?? undefined);
  }
  const result = await gatewayRequest(context, StaffWelcomeMembers, { memberIds, note: note || null });
  if (!result.ok) {
    const failure = formFailure(result.failure, values);
    return data<ActionResult>({ ...failure.data, selected: memberIds }, failure.init ?? undefined);
  }
  return redirect(`/equipe/accueil?fait=accueil&n=${result.data.welcomeMembers.length}`, 303);
}

/** The two views of the page, as links (the current one marked). */
function ViewNav({ current }: { current: 'toWelcome' | 'notComeYet' }) {
  return (
    <nav aria-label="Vues de l'accueil">
      <ul className="inline-list">
        <li>
          <Link to="/equipe/accueil" aria-current={current === 'toWelcome' ? 'page' : undefined}>
            À accueillir
          </Link>
        </li>
        <li>
          <Link to={`/equipe/accueil?vue=${NOT_COME_YET_VIEW}`} aria-current={current === 'notComeYet' ? 'page' : undefined}>
            Pas encore venu·es
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** Members who joined in the last 26 weeks and have not come to an event yet (the nudge goes to them after 4 weeks). */
function NotComeYet({ loaderData }: { loaderData: Route.ComponentProps['loaderData'] }) {
  const { notComeYet, total, nextCursor } = loaderData;
  const now = useNow();
  return (
    <div className="page">
      <h1>Accueil des nouveaux membres</h1>
      <ViewNav current="notComeYet" />
      <h2>Pas encore venu·es</h2>
      <p>
        Les personnes inscrites depuis moins de six mois qui ne sont encore venues à aucun événement, les plus ancien·nes d'abord. Quelques semaines
        après leur inscription, elles reçoivent une seule relance avec les prochains rendez-vous près de chez elles, et leur binôme un petit mot.
      </p>
      {notComeYet.length === 0 ? (
        <p>Tout le monde est déjà venu au moins une fois.</p>
      ) : (
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-pas-venus">
          <table className="staff-table">
            <caption id="legende-pas-venus">
              {total} personne{total > 1 ? 's' : ''} pas encore venue{total > 1 ? 's' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Commune</th>
                <th scope="col">Inscription</th>
                <th scope="col">Accueil</th>
                <th scope="col">Binôme</th>
              </tr>
            </thead>
            <tbody>
              {notComeYet.map((member) => (
                <tr key={member.id}>
                  <th scope="row">
                    <Link to={`/equipe/membres/${member.id}`}>{member.displayName}</Link>
                    {member.email ? (
                      <>
                        <br />
                        <span className="muted">{member.email}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{member.commune?.name ?? '—'}</td>
                  <td>
                    {formatParisTime(member.joinedAt, { now, style: 'date' })}
                    <br />
                    <span className="muted">{weeksLabel(member.weeksSinceSignUp ?? weeksSince(member.joinedAt, now))}</span>
                  </td>
                  <td>{member.welcomeStatus === 'WELCOMED' ? 'Accueilli·e' : 'À accueillir'}</td>
                  <td>{member.buddy ? member.buddy.displayName : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <p>
          <Link to={`/equipe/accueil?vue=${NOT_COME_YET_VIEW}&apres=${encodeURIComponent(nextCursor)}`}>Page suivante</Link>
        </p>
      ) : null}
    </div>
  );
}

export default function StaffNewcomers({ loaderData, actionData }: Route.ComponentProps) {
  return loaderData.view === 'notComeYet' ? <NotComeYet loaderData={loaderData} /> : <ToWelcome loaderData={loaderData} actionData={actionData} />;
}

/** The members not yet welcomed, to mark welcomed together. */
function ToWelcome({ loaderData, actionData }: Pick<Route.ComponentProps, 'loaderData' | 'actionData'>) {
  const { newcomers, total, nextCursor } = loaderData;
  const now = useNow();
  const [searchParams] = useSearchParams();
  const welcomed = searchParams.get('fait') === 'accueil' ? Number(searchParams.get('n') ?? '0') : 0;
  const selected = new Set(actionData?.selected ?? []);
  const listError = actionData?.fieldErrors.memberIds;
  return (
    <div className="page">
      <h1>Accueil des nouveaux membres</h1>
      <ViewNav current="toWelcome" />
      <div role="status">
        {welcomed > 0 ? (
          <p className="notice notice--success">
            {welcomed === 1 ? 'Une personne est marquée accueillie.' : `${welcomed} personnes sont marquées accueillies.`}
            {total > 0 ? ` ${total === 1 ? 'Une autre attend' : `${total} autres attendent`} encore.` : ' Tout le monde est accueilli.'}
          </p>
        ) : null}
      </div>
      {newcomers.length === 0 ? (
        <p>Personne n'attend d'être accueilli·e.</p>
      ) : (
        <Form method="post" className="staff-form">
          <ErrorSummary result={actionData} labels={{ memberIds: 'Personnes à accueillir', note: "Note d'accueil" }} />
          <p>
            Les plus ancien·nes d'abord. Cochez celles et ceux que vous avez accueilli·es, puis marquez-les ensemble ; pour choisir un binôme, ouvrez
            leur fiche.
          </p>
          {listError ? (
            <p className="field__error" id="champ-memberIds-erreur">
              {listError}
            </p>
          ) : null}
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-nouveaux">
            <table className="staff-table">
              <caption id="legende-nouveaux">
                {total} personne{total > 1 ? 's' : ''} à accueillir
              </caption>
              <thead>
                <tr>
                  <th scope="col">Choisir</th>
                  <th scope="col">Nom</th>
                  <th scope="col">Commune</th>
                  <th scope="col">Inscription</th>
                  <th scope="col">Binôme</th>
                </tr>
              </thead>
              <tbody>
                {newcomers.map((newcomer, index) => (
                  <tr key={newcomer.id}>
                    <td>
                      <input
                        type="checkbox"
                        name="memberIds"
                        value={newcomer.id}
                        id={index === 0 ? 'champ-memberIds' : `nouveau-${newcomer.id}`}
                        defaultChecked={selected.has(newcomer.id)}
                        aria-label={`Accueillir ${newcomer.displayName}`}
                        aria-describedby={listError ? 'champ-memberIds-erreur' : undefined}
                      />
                    </td>
                    <th scope="row">
                      <Link to={`/equipe/membres/${newcomer.id}`}>{newcomer.displayName}</Link>
                      {newcomer.email ? (
                        <>
                          <br />
                          <span className="muted">{newcomer.email}</span>
                        </>
                      ) : null}
                    </th>
                    <td>{newcomer.commune?.name ?? '—'}</td>
                    <td>
                      {formatParisTime(newcomer.joinedAt, { now, style: 'date' })}
                      <br />
                      <span className="muted">{weeksLabel(weeksSince(newcomer.joinedAt, now))}</span>
                    </td>
                    <td>
                      {newcomer.buddy ? (
                        newcomer.buddy.displayName
                      ) : (
                        <Link to={`/equipe/membres/${newcomer.id}#titre-accueil`} aria-label={`Choisir un binôme pour ${newcomer.displayName}`}>
                          Choisir
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="field">
            <label htmlFor="champ-note">Note d'accueil, pour chaque personne cochée (facultatif)</label>
            <textarea id="champ-note" name="note" rows={2} maxLength={2000} defaultValue={actionData?.values.note ?? ''} />
          </div>
          <SubmitButton pendingText="Enregistrement…">Marquer la sélection comme accueillie</SubmitButton>
        </Form>
      )}
      {nextCursor ? (
        <p>
          <Link to={`/equipe/accueil?apres=${encodeURIComponent(nextCursor)}`}>Page suivante</Link>
        </p>
      ) : null}
    </div>
  );
}
