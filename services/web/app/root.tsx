import { useEffect } from 'react';
import { isRouteErrorResponse, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from 'react-router';
import type { Route } from './+types/root';
import stylesheet from './app.css?url';
import { useNonce } from './lib/nonce';
import { useStaticPage } from './lib/static-page';
import { webContext } from './lib/web-context.server';
import { currentSession, sessionMiddleware } from './session/session.server';
import { retryAfterHeaders } from './lib/headers';

export const headers = retryAfterHeaders;

export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** What every page needs: who is signed in (from the sealed cookie: no request to the gateway) and "now". */
export async function loader({ context }: Route.LoaderArgs) {
  const session = currentSession(context);
  return {
    viewer: session ? { displayName: session.member.displayName } : null,
    now: context.get(webContext).clock.now().toISOString(),
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const root = useRouteLoaderData<typeof loader>('root');
  // A page whose route exports `handle = staticPage` ships no client script: it is never hydrated (data-static).
  const staticPage = useStaticPage();
  // Hydrated: JavaScript now improves the page (the browser tests wait for it before using enhancements).
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <html lang="fr" data-static={staticPage ? '' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#b3431a" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="site-name">
              Les Métropotes
            </Link>
            <nav aria-label="Navigation principale">
              <ul className="site-nav">
                <li>
                  <NavLink to="/agenda">Agenda</NavLink>
                </li>
                <li>
                  <NavLink to="/guide">Guide</NavLink>
                </li>
                <li>
                  <NavLink to="/veille">Veille</NavLink>
                </li>
                <li>
                  <NavLink to="/groupes">Groupes</NavLink>
                </li>
                <li>
                  {root?.viewer ? (
                    <NavLink to="/moi" className="site-nav__account">
                      Mon espace
                    </NavLink>
                  ) : (
                    <NavLink to="/connexion" className="site-nav__account">
                      Se connecter
                    </NavLink>
                  )}
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="contenu" tabIndex={-1} className="site-main">
          {children}
        </main>
        <footer className="site-footer">
          <p className="site-footer__about">Les Métropotes, le réseau citoyen de la métropole parisienne animé par l'association Métropop'!</p>
          <nav aria-label="Informations légales">
            <ul className="site-footer__links">
              <li>
                <Link to="/charte">Charte</Link>
              </li>
              <li>
                <Link to="/confidentialite">Confidentialité</Link>
              </li>
              <li>
                <Link to="/mentions-legales">Mentions légales</Link>
              </li>
            </ul>
          </nav>
        </footer>
        {staticPage ? null : (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  let title = 'Une erreur est survenue';
  let text = "Le site n'a pas pu afficher cette page. Réessayez dans un instant ; si l'erreur revient, écrivez-nous.";
  if (isRouteErrorResponse(error)) {
    const message =
      typeof (error.data as { message?: unknown } | undefined)?.message === 'string' ? (error.data as { message: string }).message : null;
    if (error.status === 404) {
      title = 'Page introuvable';
      text = message ?? "Cette page n'existe pas, ou plus. Vérifiez l'adresse, ou repartez de l'accueil.";
    } else if (error.status === 403) {
      title = 'Accès refusé';
      text = message ?? "Cette page n'est pas accessible avec votre compte.";
    } else if (error.status === 429) {
      title = 'Trop de demandes';
      text = message ?? 'Vous avez fait beaucoup de demandes en peu de temps : réessayez dans quelques minutes.';
    } else if (error.status === 503) {
      title = 'Service indisponible';
      text = message ?? 'Le service des Métropotes ne répond pas pour le moment. Réessayez dans un instant.';
    } else if (message && error.status < 500) {
      text = message;
    }
  }
  return (
    <div className="page page--narrow">
      <title>{`${title} – Les Métropotes`}</title>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">Revenir à l'accueil</Link> ou <Link to="/agenda">voir l'agenda</Link>.
      </p>
    </div>
  );
}
