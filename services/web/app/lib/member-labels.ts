import type { DigestFrequency, ProfileVisibility, Scale, Theme } from '../graphql/generated/graphql';

/** The network's themes, as the API describes them (schema.graphql), in French. */
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

export const SCALE_LABELS: Record<Scale, string> = {
  QUARTIER: 'Quartier',
  COMMUNE: 'Commune',
  TERRITOIRE: 'Territoire (EPT)',
  DEPARTEMENT: 'Département',
  METROPOLE: 'Métropole du Grand Paris',
  REGION: 'Région Île-de-France',
};

export const VISIBILITY_LABELS: Record<ProfileVisibility, string> = {
  PUBLIC: 'Tout le monde, même sans compte',
  MEMBERS: 'Les Métropotes connecté·es',
  STAFF: "L'équipe d'animation seulement",
};

export const DIGEST_LABELS: Record<DigestFrequency, string> = {
  WEEKLY: 'Chaque semaine',
  MONTHLY: 'Chaque mois',
  NONE: 'Jamais',
};

export const choicesOf = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/** The values of `name` posted by a group of checkboxes that belong to `labels`. */
export function checkedValues<K extends string>(form: FormData, name: string, labels: Record<K, string>): K[] {
  return form
    .getAll(name)
    .filter((value): value is K => typeof value === 'string' && value in labels);
}
