/**
 * The shared taxonomy of the network: one definition, generated into every subgraph's SDL
 * so that composition always sees the same enums.
 */
export const THEMES = {
  LOGEMENT: 'Logement',
  TRANSPORTS: 'Transports et mobilités',
  ENVIRONNEMENT: 'Environnement et climat',
  EDUCATION: 'Éducation et jeunesse',
  CULTURE: 'Culture',
  SANTE: 'Santé',
  EMPLOI: 'Emploi et insertion',
  URBANISME: 'Urbanisme et aménagement',
  DEMOCRATIE_LOCALE: 'Démocratie locale',
  BUDGET_PARTICIPATIF: 'Budget participatif',
  SOLIDARITE: 'Solidarité',
  SPORT: 'Sport',
  NUMERIQUE: 'Numérique',
  ALIMENTATION: 'Alimentation',
  ESPACE_PUBLIC: 'Espace public et cadre de vie',
  SECURITE: 'Tranquillité publique',
} as const;
export type Theme = keyof typeof THEMES;
export const THEME_KEYS = Object.keys(THEMES) as Theme[];

/** The scales of public action, from the quartier to the région. */
export const SCALES = {
  QUARTIER: 'Quartier',
  COMMUNE: 'Commune',
  TERRITOIRE: 'Territoire (EPT)',
  METROPOLE: 'Métropole du Grand Paris',
  DEPARTEMENT: 'Département',
  REGION: 'Région Île-de-France',
} as const;
export type Scale = keyof typeof SCALES;
export const SCALE_KEYS = Object.keys(SCALES) as Scale[];
