import { badInput } from '@metropotes/graphql-kit';
import { COMMUNES, communesOfTerritory, foldName, isCommuneCode, isTerritoryCode } from '@metropotes/territories';

/** Checks a list of INSEE codes against the reference; returns them without duplicates. */
export function validCommuneCodes(codes: readonly string[] | null | undefined, field = 'communeCodes'): string[] {
  const unique = [...new Set((codes ?? []).map((c) => c.trim()))];
  for (const code of unique) {
    if (!isCommuneCode(code)) throw badInput(`« ${code} » n'est pas le code INSEE d'une commune d'Île-de-France.`, field);
  }
  return unique;
}

export function validCommuneCode(code: string | null | undefined, field = 'communeCode'): string | null {
  if (code === null || code === undefined || code === '') return null;
  return validCommuneCodes([code], field)[0]!;
}

/**
 * The communes a list filter asks for (a commune, a territory, or both: their intersection),
 * or null when the filter says nothing about place. An unknown code is a BAD_USER_INPUT.
 */
export function communeFilter(filter: { communeCode?: string | null; territoryCode?: string | null } | null | undefined): string[] | null {
  let codes: string[] | null = null;
  if (filter?.territoryCode) {
    if (!isTerritoryCode(filter.territoryCode)) {
      throw badInput(`« ${filter.territoryCode} » n'est pas le code d'un territoire de la Métropole.`, 'filter.territoryCode');
    }
    codes = communesOfTerritory(filter.territoryCode);
  }
  if (filter?.communeCode) {
    const code = validCommuneCode(filter.communeCode, 'filter.communeCode')!;
    codes = codes ? codes.filter((c) => c === code) : [code];
  }
  return codes;
}

/**
 * Names too common as French (or English) words, or too vague, to mean a commune in running text
 * ("espace vert", "us et coutumes", "les forges", "Auteuil" the Paris quartier...).
 */
const AMBIGUOUS = new Set([
  'us',
  'vert',
  'forges',
  'marines',
  'chars',
  'plaisir',
  'mere',
  'fosses',
  'salins',
  'lisses',
  'doue',
  'baby',
  'messy',
  'auteuil',
  'vigny',
  'bailly',
  'herme',
  'pin',
  'tombe',
  'falaise',
  'rochette',
  'marets',
  'bellot',
  'perthes',
  'rouvres',
  'diant',
  'othis',
  'ury',
  'ichy',
  'sigy',
  'cely',
  'lissy',
  'breau',
  'reau',
  'gravon',
]);

const ARTICLE = /^(le|la|les|l) /;

/** Phrases that contain a commune's name without meaning it (the Seine-Saint-Denis is a département). */
const NOT_COMMUNES = ['seine saint denis'];

/** Folded name (as token string) → commune code, for names that designate one commune unambiguously. */
const NAME_INDEX: Map<string, string> = (() => {
  const byName = new Map<string, Set<string>>();
  const add = (name: string, code: string) => {
    if (!name || AMBIGUOUS.has(name)) return;
    if (!name.includes(' ') && name.length < 3) return;
    const set = byName.get(name) ?? new Set<string>();
    set.add(code);
    byName.set(name, set);
  };
  for (const commune of COMMUNES) {
    const folded = foldName(commune.name);
    add(folded, commune.code);
    // "au Blanc-Mesnil", "aux Lilas": the article is often left out or changed.
    if (ARTICLE.test(folded)) {
      const bare = folded.replace(ARTICLE, '');
      if (bare.includes(' ') || bare.length >= 5) add(bare, commune.code);
    }
  }
  const index = new Map<string, string>();
  for (const [name, codes] of byName) if (codes.size === 1) index.set(name, [...codes][0]!);
  // Matched like names (so they are consumed whole) but designate no commune.
  for (const phrase of NOT_COMMUNES) index.set(phrase, '');
  return index;
})();
const MAX_NAME_TOKENS = Math.max(...[...NAME_INDEX.keys()].map((n) => n.split(' ').length));

/**
 * The communes named in a text: accents, case, hyphens and apostrophes notwithstanding, whole words only,
 * longest name first ("L'Île-Saint-Denis" is 93039, not also Saint-Denis).
 */
export function detectCommunes(...texts: (string | null | undefined)[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const tokens = foldName(text).split(' ').filter(Boolean);
    let i = 0;
    while (i < tokens.length) {
      let matched = 0;
      for (let n = Math.min(MAX_NAME_TOKENS, tokens.length - i); n >= 1; n -= 1) {
        const code = NAME_INDEX.get(tokens.slice(i, i + n).join(' '));
        if (code !== undefined) {
          if (code) found.add(code);
          matched = n;
          break;
        }
      }
      i += matched || 1;
    }
  }
  return [...found];
}
