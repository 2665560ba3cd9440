import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';
import { profileLink } from './welcome.template';

/**
 * To the buddy of a newcomer who got the nudge (not come to an event NEWCOMER_NUDGE_WEEKS after signing up): who, since
 * when, and their profile. Params newcomerId, newcomerName, joinedOn (« 2 novembre 2026 »), newcomerHidden (their
 * profile is for the staff only: no link).
 */
export function buddyNudgeTemplate(input: TemplateInput): EmailContent {
  const name = requireParam(input, 'newcomerName');
  const id = requireParam(input, 'newcomerId');
  const joinedOn = requireParam(input, 'joinedOn');
  return {
    subject: `${name} n'est pas encore venu·e à un rendez-vous – ${NETWORK_NAME}`,
    preheader: `Un mot de votre part peut l'aider à franchir le pas.`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `${name}, dont vous êtes le binôme, a rejoint le réseau le ${joinedOn} et n'est pas encore venu·e à un rendez-vous. Nous venons de lui envoyer les prochains près de chez lui ou chez elle : un message de votre part, ou une proposition d'y aller ensemble, peut l'aider à franchir le pas.`,
      },
      input.params.newcomerHidden
        ? { kind: 'paragraph', text: "Son profil n'est visible que de l'équipe d'animation : elle peut vous mettre en relation." }
        : { kind: 'item', label: `Le profil de ${name}`, url: profileLink(input.publicUrl, id), detail: 'Pour lui écrire.' },
    ],
    reason: `Vous recevez cet e-mail parce que vous êtes le binôme de ${name} chez ${NETWORK_NAME}. Vous pouvez désactiver les e-mails d'accueil dans vos préférences de notification.`,
  };
}
