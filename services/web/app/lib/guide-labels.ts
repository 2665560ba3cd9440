import type { ActorKind, Scale, Theme } from '../graphql/generated/graphql';

/** The scales of public action, from the nearest to the widest (the order the guide shows them in). */
export const SCALES: Scale[] = ['QUARTIER', 'COMMUNE', 'TERRITOIRE', 'DEPARTEMENT', 'METROPOLE', 'REGION'];

export const SCALE_LABELS: Record<Scale, string> = {
  QUARTIER: 'Quartier',
  COMMUNE: 'Commune',
  TERRITOIRE: 'Territoire (EPT)',
  DEPARTEMENT: 'Département',
  METROPOLE: 'Métropole du Grand Paris',
  REGION: 'Région Île-de-France',
};

export const THEME_LABELS: Record<Theme, string> = {
  ALIMENTATION: 'Alimentation',
  BUDGET_PARTICIPATIF: 'Budget participatif',
  CULTURE: 'Culture',
  DEMOCRATIE_LOCALE: 'Démocratie locale',
  EDUCATION: 'Éducation et jeunesse',
  EMPLOI: 'Emploi et insertion',
  ENVIRONNEMENT: 'Environnement et climat',
  ESPACE_PUBLIC: 'Espace public et cadre de vie',
  LOGEMENT: 'Logement',
  NUMERIQUE: 'Numérique',
  SANTE: 'Santé',
  SECURITE: 'Tranquillité publique',
  SOLIDARITE: 'Solidarité',
  SPORT: 'Sport',
  TRANSPORTS: 'Transports et mobilités',
  URBANISME: 'Urbanisme et aménagement',
};

export const THEMES = Object.keys(THEME_LABELS) as Theme[];

export const ACTOR_KIND_LABELS: Record<ActorKind, string> = {
  ASSOCIATION: 'Association',
  AUTRE: 'Autre',
  CONSEIL_CITOYEN: 'Conseil citoyen',
  CONSEIL_DE_QUARTIER: 'Conseil de quartier',
  DEPARTEMENT: 'Département',
  EPT: 'Établissement public territorial',
  MAIRIE: 'Mairie',
  METROPOLE: 'Métropole du Grand Paris',
  PREFECTURE: 'Préfecture',
  REGION: 'Région',
};

/** A scale or theme read from the address, or null when it is not one. */
export const scaleParam = (value: string | null): Scale | null => (value && (SCALES as string[]).includes(value) ? (value as Scale) : null);
export const themeParam = (value: string | null): Theme | null => (value && (THEMES as string[]).includes(value) ? (value as Theme) : null);
