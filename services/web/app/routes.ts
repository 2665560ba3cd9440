import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes';

// French paths, as the e-mails link to them (packages/mail). One module per page in routes/.
export default [
  index('routes/home.tsx'),
  route('agenda', 'routes/agenda.tsx'),
  route('evenements/:id', 'routes/event.tsx'),
  route('evenements/:id/agenda.ics', 'routes/event-ics.ts'),
  route('inscription', 'routes/sign-up.tsx'),
  // The personal invitation links of outreach e-mails (/rejoindre?invitation=…): the same sign-up page.
  route('rejoindre', 'routes/sign-up.tsx', { id: 'rejoindre' }),
  route('connexion', 'routes/log-in.tsx'),
  route('deconnexion', 'routes/log-out.tsx'),
  route('verifier-email', 'routes/verify-email.tsx'),
  route('mot-de-passe-oublie', 'routes/forgot-password.tsx'),
  route('reinitialiser-mot-de-passe', 'routes/reset-password.tsx'),
  route('moi', 'routes/my-space.tsx'),
  route('moi/profil', 'routes/my-profile.tsx'),
  route('moi/donnees', 'routes/my-data.tsx'),
  route('moi/donnees/export.json', 'routes/my-data-export.ts'),
  // The former address of « Mon espace ».
  route('mon-espace', 'routes/my-space-redirect.ts'),
  route('preferences', 'routes/preferences.tsx'),
  route('ne-plus-me-contacter', 'routes/do-not-contact.tsx'),
  route('charte', 'routes/content-page.tsx', { id: 'charte' }),
  route('confidentialite', 'routes/content-page.tsx', { id: 'confidentialite' }),
  route('mentions-legales', 'routes/content-page.tsx', { id: 'mentions-legales' }),
  route('evenements/proposer', 'routes/propose-event.tsx'),
  route('membres', 'routes/members.tsx'),
  route('membres/:id', 'routes/member.tsx'),
  route('groupes', 'routes/groups.tsx'),
  route('groupes/:id', 'routes/group.tsx'),
  route('signaler', 'routes/report.tsx'),
  route('sitemap.xml', 'routes/sitemap.ts'),
  route('guide', 'routes/guide.tsx'),
  route('guide/recherche', 'routes/guide-search.tsx'),
  route('guide/acteurs', 'routes/guide-actors.tsx'),
  route('guide/ecrire', 'routes/guide-edit.tsx', { id: 'guide-ecrire' }),
  route('guide/:slug', 'routes/guide-article.tsx'),
  route('guide/:slug/modifier', 'routes/guide-edit.tsx'),
  route('veille', 'routes/veille.tsx'),
  route('robots.txt', 'routes/robots.ts'),
  // The staff console (STAFF and ADMIN): one layout checks the role, one module per page in routes/staff/.
  ...prefix('equipe', [
    layout('routes/staff/staff-layout.tsx', { id: 'staff' }, [
      index('routes/staff/dashboard.tsx'),
      route('moderation', 'routes/staff/moderation.tsx'),
      route('moderation/journal', 'routes/staff/moderation-log.tsx'),
      route('moderation/:id', 'routes/staff/moderation-case.tsx'),
    ]),
  ]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
