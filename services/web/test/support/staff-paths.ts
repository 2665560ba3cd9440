/** Every page of the staff console, for the access tests (a member gets 403 on each). Add a page here with its route. */
export const STAFF_PATHS: readonly string[] = [
  '/equipe',
  '/equipe/files',
  '/equipe/membres',
  '/equipe/accueil',
  '/equipe/moderation',
  '/equipe/moderation/journal',
  '/equipe/guide',
  '/equipe/guide/acteurs',
  '/equipe/evenements',
  '/equipe/evenements/nouveau',
  '/equipe/evenements/series/nouvelle',
  '/equipe/competences',
  '/equipe/veille',
  '/equipe/reperage',
  '/equipe/reperage/chiffres',
  '/equipe/bilan',
];
