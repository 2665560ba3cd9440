/**
 * The last error of a veille feed, as a non-technical staff member can act on it. The feed poller records French
 * messages (services/workers/src/feeds/feed-fetch.ts) that still name HTTP statuses; older or foreign records may hold
 * raw technical text (ENOTFOUND, ETIMEDOUT, XML parser errors). The raw text stays available in a <details>.
 */
const RULES: ReadonlyArray<[RegExp, string | ((match: RegExpExecArray) => string)]> = [
  [
    /ENOTFOUND|EAI_AGAIN|getaddrinfo|no address|injoignable/i,
    "Le site du flux est introuvable : l'adresse est peut-être mal écrite, ou le site n'existe plus. Vérifiez l'adresse du flux.",
  ],
  [
    /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up/i,
    "Le site du flux n'a pas accepté la connexion. Il est peut-être en panne : la veille réessaiera d'elle-même.",
  ],
  [
    /ETIMEDOUT|timed? ?out|timeout|pas répondu à temps/i,
    "Le site du flux a mis trop de temps à répondre. Il est peut-être surchargé : la veille réessaiera d'elle-même.",
  ],
  [/certificate|CERT_|SSL|TLS/i, "Le site du flux a un problème de sécurité (certificat). Prévenez la personne qui s'occupe de ce site."],
  [/HTTP (401|403)\b/i, 'Le site refuse de donner son flux (accès interdit). Il demande peut-être une connexion : cherchez un autre flux public.'],
  [
    /HTTP (404|410)\b/i,
    "La page du flux n'existe plus sur le site (erreur 404). Le site a sans doute changé l'adresse de son flux : cherchez la nouvelle.",
  ],
  [/HTTP 429\b/i, 'Le site demande de le consulter moins souvent. La veille réessaiera plus tard.'],
  [/HTTP 5\d\d\b/i, "Le site du flux est en panne de son côté (erreur du serveur). Rien à faire pour l'instant : la veille réessaiera d'elle-même."],
  [/HTTP (\d{3})\b/i, (m) => `Le site du flux a répondu par une erreur (code ${m[1]}). Vérifiez l'adresse du flux dans un navigateur.`],
  [/redirect|redirection/i, "L'adresse du flux renvoie ailleurs, vers une adresse qui ne fonctionne pas. Vérifiez l'adresse du flux."],
  [/non autorisée|refused|private/i, "Cette adresse n'est pas celle d'un site public : la veille ne peut pas la lire."],
  [/volumineux|too (big|large)/i, 'Le flux est trop gros pour être lu. Cherchez un flux plus court (par rubrique, par exemple).'],
  [
    /XML|RSS|Atom|parse|lisible|unexpected|non-whitespace|invalid/i,
    "La page trouvée n'est pas un flux d'actualités lisible (RSS ou Atom). L'adresse mène sans doute à une page web ordinaire : cherchez le lien « RSS » du site.",
  ],
];

/** A sentence in plain French for the raw error a feed poll left. */
export function feedErrorInPlainFrench(raw: string): string {
  for (const [pattern, sentence] of RULES) {
    const match = pattern.exec(raw);
    if (match) return typeof sentence === 'string' ? sentence : sentence(match);
  }
  return "La dernière lecture du flux a échoué. Vérifiez l'adresse du flux dans un navigateur ; si elle fonctionne, la veille réessaiera d'elle-même.";
}
