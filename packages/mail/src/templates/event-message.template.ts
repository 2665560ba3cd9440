import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';
import { eventUrl } from './event-shared';

/** A message an event's organizer (or staff) sent to its confirmed attendees (params: eventId, title, subject, body). */
export function eventMessageTemplate(input: TemplateInput): EmailContent {
  const title = requireParam(input, 'title');
  const subject = requireParam(input, 'subject');
  const body = requireParam(input, 'body');
  return {
    subject: `[${title}] ${subject} – ${NETWORK_NAME}`,
    preheader: `Un message à propos de « ${title} ».`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      { kind: 'paragraph', text: `L'organisation de l'événement « ${title} », auquel vous êtes inscrit·e, vous écrit :` },
      { kind: 'quote', text: body },
      { kind: 'button', label: "Voir l'événement", url: eventUrl(input) },
      { kind: 'note', text: "Un message déplacé ? Signalez-le depuis la page de l'événement." },
    ],
    reason: `Vous recevez cet e-mail parce que vous êtes inscrit·e à cet événement sur ${NETWORK_NAME}.`,
  };
}
