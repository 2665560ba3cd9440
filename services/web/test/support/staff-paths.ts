/** Every page of the staff console, for the access tests (a member gets 403 on each). Add a page here with its route. */
export const STAFF_PATHS: readonly string[] = [
  '/equipe',
  '/equipe/veille',
  '/equipe/reperage',
  '/equipe/reperage/chiffres',
];
