import { NETWORK_NAME, type Block, type EmailContent } from '../layout';
import { siteUrl, type TemplateInput } from '../template-input';

const base = (input: TemplateInput): string => input.publicUrl.replace(/\/+$/, '');

/**
 * The one-click registration link of an event: its page with `?inscription=1`, which shows a signed-in member a
 * « Confirmer mon inscription » button (a GET never registers: link scanners follow links) and sends a visitor to the
 * log-in page first. No secret in it.
 */
export const registrationLink = (publicUrl: string, eventId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/evenements/${encodeURIComponent(eventId)}?inscription=1`;

/** The buddy's profile page: `${PUBLIC_URL}/membres/<id>`. */
export const profileLink = (publicUrl: string, memberId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/membres/${encodeURIComponent(memberId)}`;

/** Where the pot du pote is, said from the newcomer's side (param potScope, communeName, territoryName). */
function nearness(input: TemplateInput): string {
  const { potScope, communeName, territoryName } = input.params;
  if (potScope === 'COMMUNE' && communeName) return `dans votre commune, ${communeName}`;
  if (potScope === 'TERRITORY' && territoryName) return `dans votre territoire, ${territoryName}`;
  return 'dans la Métropole';
}

/** The next pot du pote (params potId, potTitle, potWhen, potPlace?, potScope) or, without one, the agenda. */
function potBlocks(input: TemplateInput): Block[] {
  const { potId, potTitle, potWhen, potPlace } = input.params;
  if (potId && potTitle && potWhen) {
    return [
      { kind: 'heading', text: 'Votre premier pot du pote' },
      {
        kind: 'paragraph',
        text: `Le meilleur moyen de rencontrer le réseau, c'est le pot du pote : un moment convivial, chaque mois, pour faire connaissance et parler de ce qui se passe dans nos quartiers. Le prochain ${nearness(input)} : « ${potTitle} », ${potWhen}${potPlace ? `, ${potPlace}` : ''}.`,
      },
      { kind: 'button', label: "M'inscrire à ce pot du pote", url: registrationLink(input.publicUrl, potId) },
      { kind: 'note', text: 'Le lien ouvre la page du pot : il vous reste à confirmer votre inscription (après vous être connecté·e si besoin).' },
    ];
  }
  return [
    { kind: 'heading', text: 'Votre premier pot du pote' },
    {
      kind: 'paragraph',
      text: "Le meilleur moyen de rencontrer le réseau, c'est le pot du pote, chaque mois. Aucun n'est encore annoncé à l'agenda : ils y sont publiés quelques semaines à l'avance, au fil des mois. Jetez-y un œil d'ici peu, et inscrivez-vous à celui de votre territoire.",
    },
    { kind: 'button', label: "Voir l'agenda du réseau", url: `${base(input)}/agenda` },
  ];
}

/** The buddy, once staff chose one (params buddyId, buddyName). */
export function buddyBlocks(input: TemplateInput, intro: string): Block[] {
  const { buddyId, buddyName } = input.params;
  if (!buddyId || !buddyName) return [];
  return [
    { kind: 'heading', text: 'Votre binôme' },
    {
      kind: 'paragraph',
      text: `${intro} ${buddyName}, un·e Métropote déjà engagé·e dans le réseau, sera votre binôme : une personne à qui poser vos questions, et avec qui venir à votre premier pot du pote.`,
    },
    input.params.buddyHidden
      ? { kind: 'paragraph', text: "L'équipe d'animation vous mettra en relation." }
      : {
          kind: 'item',
          label: `Le profil de ${buddyName}`,
          url: profileLink(input.publicUrl, buddyId),
          detail: 'Pour faire connaissance et lui écrire.',
        },
  ];
}

/**
 * Sent once the member confirmed their address: what the network is, the next pot du pote nearest their commune with
 * a one-click registration link, and their buddy if staff already chose one. Params, all optional: potId, potTitle,
 * potWhen (« jeudi 3 décembre à 18 h 30 »), potPlace, potScope (COMMUNE, TERRITORY, METROPOLE), communeName,
 * territoryName, buddyId, buddyName, buddyHidden (their profile is for the staff only: no link).
 */
export function welcomeTemplate(input: TemplateInput): EmailContent {
  return {
    subject: `Bienvenue chez ${NETWORK_NAME} !`,
    preheader: input.params.potWhen
      ? `Votre compte est prêt. Prochain pot du pote près de chez vous : ${input.params.potWhen}.`
      : 'Votre compte est prêt : voici comment participer à la vie du réseau.',
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Bienvenue chez ${NETWORK_NAME}, le réseau des habitant·es et associations qui agissent pour une métropole parisienne plus juste, à partir des quartiers populaires.`,
      },
      ...potBlocks(input),
      ...buddyBlocks(input, 'Bonne nouvelle :'),
      {
        kind: 'paragraph',
        text: "Sur la plateforme, vous trouverez l'agenda du réseau (pots du pote, ateliers, formations, Métrokawas), le guide de l'action locale et métropolitaine, et les autres Métropotes de votre commune. Un membre de l'équipe d'animation prendra bientôt contact avec vous pour vous accueillir.",
      },
      { kind: 'button', label: 'Découvrir la plateforme', url: siteUrl(input.publicUrl) },
    ],
    reason: `Vous recevez cet e-mail parce que vous venez de rejoindre ${NETWORK_NAME}.`,
  };
}
