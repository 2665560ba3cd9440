/**
 * The territory reference of Île-de-France, from the official data of `@etalab/decoupage-administratif`:
 * communes (INSEE codes), the 11 EPT of the Métropole du Grand Paris plus Paris as the 12th territory,
 * and membership of the Métropole.
 *
 * The members subgraph owns the Commune and Territory entities (it loads this reference into its tables);
 * other services use this package to check a commune code or expand a territory into its communes
 * without reading another service's tables.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rawCommunes = require('@etalab/decoupage-administratif/data/communes.json') as RawCommune[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rawEpt = require('@etalab/decoupage-administratif/data/ept.json') as RawGroup[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rawEpci = require('@etalab/decoupage-administratif/data/epci.json') as RawGroup[];

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  codesPostaux?: string[];
  population?: number;
}
interface RawGroup {
  code: string;
  nom: string;
  membres: { code: string }[];
}

export const ILE_DE_FRANCE_REGION = '11';
export const METROPOLE_DU_GRAND_PARIS = '200054781';
export const PARIS_COMMUNE = '75056';
/** Paris is the Métropole's 12th territory; it has no EPT, so its territory uses the commune's code. */
export const PARIS_TERRITORY = '75056';

export interface CommuneRef {
  code: string;
  name: string;
  postalCodes: string[];
  department: string;
  population: number | null;
  territoryCode: string | null;
  inMetropole: boolean;
}

export interface TerritoryRef {
  code: string;
  name: string;
  communeCodes: string[];
}

const metropoleMembers = new Set(rawEpci.find((e) => e.code === METROPOLE_DU_GRAND_PARIS)?.membres.map((m) => m.code) ?? []);

export const TERRITORIES: readonly TerritoryRef[] = [
  { code: PARIS_TERRITORY, name: 'Paris', communeCodes: [PARIS_COMMUNE] },
  ...rawEpt
    .map((e) => ({ code: e.code, name: e.nom, communeCodes: e.membres.map((m) => m.code).sort() }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
];

const territoryOfCommune = new Map<string, string>();
for (const t of TERRITORIES) for (const c of t.communeCodes) territoryOfCommune.set(c, t.code);

export const COMMUNES: readonly CommuneRef[] = rawCommunes
  .filter((c) => c.region === ILE_DE_FRANCE_REGION && c.type === 'commune-actuelle')
  .map((c) => ({
    code: c.code,
    name: c.nom,
    postalCodes: c.codesPostaux ?? [],
    department: c.departement,
    population: c.population ?? null,
    territoryCode: territoryOfCommune.get(c.code) ?? null,
    inMetropole: metropoleMembers.has(c.code),
  }));

const communeByCode = new Map(COMMUNES.map((c) => [c.code, c]));
const territoryByCode = new Map(TERRITORIES.map((t) => [t.code, t]));

export const findCommune = (code: string): CommuneRef | undefined => communeByCode.get(code);
export const isCommuneCode = (code: string): boolean => communeByCode.has(code);
export const findTerritory = (code: string): TerritoryRef | undefined => territoryByCode.get(code);
export const isTerritoryCode = (code: string): boolean => territoryByCode.has(code);
/** The commune codes of a territory, or [] for an unknown code. */
export const communesOfTerritory = (code: string): string[] => territoryByCode.get(code)?.communeCodes ?? [];

/** Lower-case, accents and punctuation folded to spaces: "L'Île-Saint-Denis" → "l ile saint denis". */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
