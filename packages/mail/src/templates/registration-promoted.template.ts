import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';
import { eventFacts, eventUrl } from './event-shared';

/** A place freed up: the member, waitlisted, is now registered (params: eventId, title, when, place?). */
export function registrationPromotedTemplate(input: TemplateInput): EmailContent {
  const title = requireParam(input, 'title');
  return {
    subject: `Une place s'est libérée : ${title} – ${NETWORK_NAME}`,
    preheader: `Vous êtes maintenant inscrit·e à « ${title} ».`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Bonne nouvelle : une place s'est libérée pour « ${title} ». Vous étiez sur la liste d'attente, votre inscription est maintenant confirmée.`,
      },
      ...eventFacts(input),
      {
        kind: 'paragraph',
        text: "Si vous ne pouvez plus venir, annulez votre inscription sur la page de l'événement : la place ira à la personne suivante.",
      },
      { kind: 'button', label: "Voir l'événement", url: eventUrl(input) },
    ],
    reason: `Vous recevez cet e-mail parce que vous étiez sur la liste d'attente de cet événement sur ${NETWORK_NAME}.`,
  };
}
