import { NavLink, Outlet, data, redirect } from 'react-router';
import { graphql } from '../../graphql/generated';
import { queryOrThrow } from '../../graphql/gateway.server';
import { currentSession } from '../../session/session.server';
import type { Route } from './+types/staff-layout';

/**
 * The staff console (/equipe/…): STAFF and ADMIN only. A visitor is sent to log in, a member gets the 403 page. The
 * console adds no privilege: each page's query and each action is checked again by the subgraph that owns the data,
 * so this check only spares a member pages of refusals.
 */
const StaffViewerQuery = graphql(`
  query StaffViewer {
    me {
      id
      displayName
      role
    }
  }
`);

export type StaffRole = 'STAFF' | 'ADMIN';

/** The console's sections, in the order of the navigation. */
export const STAFF_SECTIONS: ReadonlyArray<{ path: string; label: string }> = [
  { path: '/equipe', label: 'Tableau de bord' },
  { path: '/equipe/moderation', label: 'Modération' },
  { path: '/equipe/evenements', label: 'Événements' },
  { path: '/equipe/competences', label: 'Compétences' },
  { path: '/equipe/attestations', label: 'Attestations' },
  { path: '/equipe/guide', label: 'Guide' },
  { path: '/equipe/veille', label: 'Veille' },
  { path: '/equipe/accueil', label: 'Accueil' },
  { path: '/equipe/reperage', label: 'Repérage' },
  { path: '/equipe/bilan', label: 'Bilan' },
  { path: '/equipe/membres', label: 'Membres' },
  { path: '/equipe/files', label: "Files d'attente" },
];

export const meta: Route.MetaFunction = () => [{ name: 'robots', content: 'noindex' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  if (!currentSession(context)) throw redirect(`/connexion?retour=${encodeURIComponent(url.pathname + url.search)}`);
  const { me } = await queryOrThrow(context, StaffViewerQuery, {});
  if (!me) throw redirect(`/connexion?retour=${encodeURIComponent(url.pathname + url.search)}`);
  if (me.role !== 'STAFF' && me.role !== 'ADMIN') {
    throw data({ message: "La console de l'équipe est réservée à l'équipe de l'association." }, { status: 403 });
  }
  return { viewer: { id: me.id, displayName: me.displayName, role: me.role as StaffRole } };
}

export default function StaffLayout({ loaderData }: Route.ComponentProps) {
  const { viewer } = loaderData;
  return (
    <div className="staff">
      <nav className="staff__nav" aria-label="Console de l'équipe">
        <p className="staff__who">
          Console de l'équipe · {viewer.displayName} ({viewer.role === 'ADMIN' ? 'administration' : 'équipe'})
        </p>
        <ul>
          {STAFF_SECTIONS.map((section) => (
            <li key={section.path}>
              <NavLink to={section.path} end={section.path === '/equipe'}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
