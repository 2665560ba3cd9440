import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';
import { eventFacts, eventUrl } from './event-shared';

/** "Demain" / "dans 3 heures" from the reminder's offset (param offsetHours). */
function soon(offsetHours: string | undefined): string {
  const hours = Number(offsetHours);
  if (!Number.isInteger(hours) || hours <= 0) return 'bientôt';
  if (hours === 24) return 'demain';
  if (hours % 24 === 0) return `dans ${hours / 24} jours`;
  return hours === 1 ? 'dans une heure' : `dans ${hours} heures`;
}

/** Before an event the member registered for (params: eventId, title, when, place?, offsetHours?). */
export function eventReminderTemplate(input: TemplateInput): EmailContent {
  const title = requireParam(input, 'title');
  const delay = soon(input.params.offsetHours);
  return {
    subject: `Rappel : ${title}, ${delay} – ${NETWORK_NAME}`,
    preheader: `Vous êtes inscrit·e à « ${title} », c'est ${delay}.`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      { kind: 'paragraph', text: `Petit rappel : vous êtes inscrit·e à « ${title} », c'est ${delay}.` },
      ...eventFacts(input),
      { kind: 'paragraph', text: "Vous ne pouvez plus venir ? Annulez votre inscription sur la page de l'événement : la place ira à quelqu'un d'autre." },
      { kind: 'button', label: "Voir l'événement", url: eventUrl(input) },
      { kind: 'note', text: 'Vous pouvez désactiver ces rappels dans vos préférences de notification.' },
    ],
    reason: `Vous recevez cet e-mail parce que vous êtes inscrit·e à cet événement sur ${NETWORK_NAME} et que les rappels sont activés.`,
  };
}
