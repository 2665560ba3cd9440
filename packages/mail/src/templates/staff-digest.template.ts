import { NETWORK_NAME, type Block, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';

/** What waits for the team, in the console's words and pages. */
export const STAFF_DIGEST_ITEMS = [
  { key: 'eventsToReview', label: 'Événements proposés à relire', path: '/equipe/evenements' },
  { key: 'eventRevisionsToReview', label: "Modifications d'événements à relire", path: '/equipe/evenements#modifications' },
  { key: 'fichesToReview', label: 'Fiches du guide à relire', path: '/equipe/guide' },
  { key: 'openCases', label: 'Signalements ouverts', path: '/equipe/moderation' },
  { key: 'watchItemsToCurate', label: 'Éléments de veille à trier', path: '/equipe/veille' },
  { key: 'newcomersToWelcome', label: 'Nouveaux membres à accueillir', path: '/equipe/accueil' },
  { key: 'deadJobs', label: 'Tâches en échec', path: '/equipe/files' },
] as const;

export type StaffDigestKey = (typeof STAFF_DIGEST_ITEMS)[number]['key'];

/**
 * The staff's daily digest (params: `day`, the Paris date as people say it; one count per STAFF_DIGEST_ITEMS key,
 * as a decimal string; items at 0 are left out).
 */
export function staffDigestTemplate(input: TemplateInput): EmailContent {
  const day = requireParam(input, 'day');
  const base = input.publicUrl.replace(/\/+$/, '');
  const items: Block[] = [];
  let total = 0;
  for (const item of STAFF_DIGEST_ITEMS) {
    const count = Number(input.params[item.key] ?? '0');
    if (!Number.isInteger(count) || count <= 0) continue;
    total += count;
    items.push({ kind: 'item', label: `${item.label} : ${count}`, url: `${base}${item.path}` });
  }
  return {
    subject: `Ce qui attend l'équipe ce ${day} – ${NETWORK_NAME}`,
    preheader: `${total} ${total > 1 ? 'éléments attendent' : 'élément attend'} l'équipe d'animation.`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      { kind: 'paragraph', text: `Voici ce qui attend l'équipe d'animation ce ${day} :` },
      ...items,
      { kind: 'button', label: 'Ouvrir la console', url: `${base}/equipe` },
    ],
    reason: `Vous recevez cet e-mail parce que vous faites partie de l'équipe d'animation des Métropotes. Vous pouvez le désactiver dans vos préférences.`,
    footerLinks: [{ label: 'Gérer mes préférences', url: `${base}/preferences` }],
  };
}
