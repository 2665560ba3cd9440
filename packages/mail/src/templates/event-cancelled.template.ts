import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';
import { calendarNote, eventFacts, eventUrl } from './event-shared';

/** An event the member registered for was cancelled (params: eventId, title, when, place?, reason?). */
export function eventCancelledTemplate(input: TemplateInput): EmailContent {
  const title = requireParam(input, 'title');
  const reason = input.params.reason?.trim();
  return {
    subject: `Annulé : ${title} – ${NETWORK_NAME}`,
    preheader: `L'événement « ${title} » n'aura pas lieu.`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      { kind: 'paragraph', text: `Nous sommes désolé·es : l'événement « ${title} », auquel vous étiez inscrit·e, est annulé.` },
      ...eventFacts(input),
      ...(reason ? [{ kind: 'paragraph' as const, text: `Raison donnée : ${reason}` }] : []),
      {
        kind: 'paragraph',
        text: "Vous n'avez rien à faire : votre inscription est levée d'elle-même. D'autres rendez-vous vous attendent dans l'agenda du réseau.",
      },
      { kind: 'button', label: "Voir l'événement", url: eventUrl(input) },
      ...calendarNote(input, "Le fichier joint (evenement.ics) retire l'événement de votre agenda si vous l'y aviez ajouté."),
    ],
    reason: `Vous recevez cet e-mail parce que vous étiez inscrit·e à cet événement sur ${NETWORK_NAME}.`,
  };
}
