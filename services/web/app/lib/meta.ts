export const SITE_NAME = 'Les Métropotes';

/** The <title> of a page: its own name, then the site's. */
export const pageTitle = (name?: string) => (name ? `${name} – ${SITE_NAME}` : `${SITE_NAME} – le réseau citoyen de la métropole parisienne`);
