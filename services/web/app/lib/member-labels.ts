import type { DigestFrequency, ProfileVisibility } from '../graphql/generated/graphql';

// The themes and scales are the guide's labels (one list for the whole site).
export { SCALE_LABELS, THEME_LABELS } from './guide-labels';

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

export const choicesOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/** The values of `name` posted by a group of checkboxes that belong to `labels`. */
export function checkedValues<K extends string>(form: FormData, name: string, labels: Record<K, string>): K[] {
  return form.getAll(name).filter((value): value is K => typeof value === 'string' && value in labels);
}
