import { NETWORK_NAME, type EmailContent } from '../layout';
import { siteUrl, type TemplateInput } from '../template-input';

/** Sent once the member has joined: what the network is and how to take part. */
export function welcomeTemplate(input: TemplateInput): EmailContent {
  return {
    subject: `Bienvenue chez ${NETWORK_NAME} !`,
    preheader: 'Votre compte est prêt : voici comment participer à la vie du réseau.',
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Bienvenue chez ${NETWORK_NAME}, le réseau des habitant·es et associations qui agissent pour une métropole parisienne plus juste, à partir des quartiers populaires.`,
      },
      {
        kind: 'paragraph',
        text: "Sur la plateforme, vous trouverez l'agenda du réseau (pots du pote, ateliers, formations, Métrokawas), le guide de l'action locale et métropolitaine, et les autres Métropotes de votre commune.",
      },
      {
        kind: 'paragraph',
        text: "Un membre de l'équipe d'animation prendra bientôt contact avec vous pour vous accueillir. Et le meilleur moyen de rencontrer le réseau, c'est le pot du pote, chaque mois !",
      },
      { kind: 'button', label: 'Découvrir la plateforme', url: siteUrl(input.publicUrl) },
    ],
    reason: `Vous recevez cet e-mail parce que vous venez de rejoindre ${NETWORK_NAME}.`,
  };
}
