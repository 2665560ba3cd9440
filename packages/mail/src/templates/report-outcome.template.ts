import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, TemplateParamError, type TemplateInput } from '../template-input';

const WHAT: Record<string, string> = {
  MEMBER: 'un compte de membre',
  EVENT: 'un événement',
  GUIDE_ARTICLE: 'une fiche du guide',
  WATCH_ITEM: 'un élément de la veille',
  GROUP: 'un groupe',
};

/** What the reporter learns: the outcome only, never the sanctioned person's details (duration, reason). */
const OUTCOME: Record<string, string> = {
  DISMISS: "Après examen, l'équipe d'animation n'a pas relevé de manquement à la charte : aucune mesure n'a été prise.",
  HIDE: "Après examen, l'équipe d'animation a retiré ce contenu du site.",
  RESTORE: "Après examen, l'équipe d'animation n'a pas relevé de manquement à la charte : le contenu reste visible.",
  WARN: "Après examen, l'équipe d'animation a pris des mesures auprès de la personne concernée.",
  SUSPEND: "Après examen, l'équipe d'animation a pris des mesures auprès de la personne concernée.",
  BAN: "Après examen, l'équipe d'animation a pris des mesures auprès de la personne concernée.",
};

/**
 * A member who reported something and asked to hear the outcome (params: action — the decision —, targetType, and
 * reportedAt — when they reported, as people say it).
 */
export function reportOutcomeTemplate(input: TemplateInput): EmailContent {
  const action = requireParam(input, 'action');
  const outcome = OUTCOME[action];
  // Not one of these: the e-mail cannot be written (its row is closed dead, not retried).
  if (!outcome) throw new TemplateParamError('action');
  const what = WHAT[requireParam(input, 'targetType')] ?? 'un contenu';
  const reportedAt = input.params.reportedAt?.trim();
  return {
    subject: `Votre signalement a été examiné – ${NETWORK_NAME}`,
    preheader: "L'équipe d'animation a examiné votre signalement.",
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Vous avez signalé ${what}${reportedAt ? ` le ${reportedAt}` : ''} et demandé à connaître la suite. Merci de votre vigilance.`,
      },
      { kind: 'paragraph', text: outcome },
      { kind: 'note', text: "Pour respecter chacun·e, nous ne donnons pas le détail des mesures prises à l'égard d'une personne." },
      {
        kind: 'item',
        label: 'La charte du réseau',
        url: `${input.publicUrl.replace(/\/+$/, '')}/charte`,
        detail: 'Les règles que chacun·e s’engage à respecter sur le réseau.',
      },
    ],
    reason: `Vous recevez cet e-mail parce que vous avez demandé à connaître la suite de votre signalement sur ${NETWORK_NAME}.`,
  };
}
