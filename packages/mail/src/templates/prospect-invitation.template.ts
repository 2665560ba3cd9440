import { NETWORK_NAME, OF_NETWORK, type EmailContent } from '../layout';
import { secretLink } from '../secret-links';
import type { TemplateInput } from '../template-input';

/**
 * The staff invite a local actor they spotted (a prospect, not yet a member): a personal sign-up link and a
 * do-not-contact link, both with the invitation's single-use token, which the workers fill in at delivery (every
 * stored copy shows the placeholder). Params: `message` (optional, the staff's words, as plain text), `validForDays`
 * (optional).
 */
export function prospectInvitationTemplate(input: TemplateInput): EmailContent {
  const joinUrl = secretLink(input.publicUrl, '/rejoindre', 'invitation');
  const stopUrl = secretLink(input.publicUrl, '/ne-plus-me-contacter', 'token');
  const message = input.params.message?.trim();
  const days = Number(input.params.validForDays);
  return {
    subject: `Rejoignez ${NETWORK_NAME}, le réseau des habitant·es engagé·es de la métropole`,
    preheader: "L'équipe d'animation des Métropotes vous invite à rejoindre le réseau.",
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `L'équipe d'animation ${OF_NETWORK} a découvert votre action et aimerait vous compter parmi les membres du réseau : des habitant·es et des associations qui agissent pour une métropole plus juste.`,
      },
      ...(message ? [{ kind: 'paragraph' as const, text: message }] : []),
      { kind: 'button', label: 'Rejoindre le réseau', url: joinUrl },
      ...(Number.isInteger(days) && days > 0
        ? [{ kind: 'note' as const, text: `Ce lien personnel est valable ${days} jours et ne peut servir qu'une fois.` }]
        : []),
      {
        kind: 'note',
        text: 'Vous ne souhaitez pas être recontacté·e ? Un clic suffit : nous ne vous écrirons plus et effacerons vos coordonnées.',
      },
      { kind: 'button', label: 'Ne plus me contacter', url: stopUrl },
    ],
    reason: `Vous recevez cet e-mail parce que l'équipe d'animation ${OF_NETWORK} vous a invité·e personnellement, une seule fois.`,
  };
}
