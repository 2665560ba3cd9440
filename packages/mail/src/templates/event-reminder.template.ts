import { formatParisTimeFrom } from '@metropotes/french-time';
import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';
import { calendarNote, eventFacts, eventUrl } from './event-shared';

/**
 * When the event starts, as seen from `now`, in Paris: « aujourd'hui à 19 h », « demain à 19 h », otherwise « le mardi
 * 24 novembre à 19 h » (« le mardi 1er décembre »). Words the reminder by the real time left when it is written, not by
 * its offset (a day-before reminder written late, the same day, says « aujourd'hui »). The platform's one way of
 * writing times (@metropotes/french-time).
 */
export const reminderStartPhrase = (startsAt: Date, now: Date): string => formatParisTimeFrom(startsAt, now);

/** Older rows without `startsAtIso`/`writtenAtIso`: "demain" / "dans 3 heures" from the reminder's offset (param offsetHours). */
function soon(offsetHours: string | undefined): string {
  const hours = Number(offsetHours);
  if (!Number.isInteger(hours) || hours <= 0) return 'bientôt';
  if (hours === 24) return 'demain';
  if (hours % 24 === 0) return `dans ${hours / 24} jours`;
  return hours === 1 ? 'dans une heure' : `dans ${hours} heures`;
}

const isoDate = (text: string | undefined): Date | null => {
  const date = text ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

/**
 * Before an event the member registered for (params: eventId, title, when, place?, and startsAtIso + writtenAtIso —
 * the event's start and the time the reminder is written, ISO 8601 — or, for callers without them, offsetHours).
 */
export function eventReminderTemplate(input: TemplateInput): EmailContent {
  const title = requireParam(input, 'title');
  const startsAt = isoDate(input.params.startsAtIso);
  const writtenAt = isoDate(input.params.writtenAtIso);
  const delay = startsAt && writtenAt ? reminderStartPhrase(startsAt, writtenAt) : soon(input.params.offsetHours);
  return {
    subject: `Rappel : ${title}, ${delay} – ${NETWORK_NAME}`,
    preheader: `Vous êtes inscrit·e à « ${title} », c'est ${delay}.`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      { kind: 'paragraph', text: `Petit rappel : vous êtes inscrit·e à « ${title} », c'est ${delay}.` },
      ...eventFacts(input),
      {
        kind: 'paragraph',
        text: "Vous ne pouvez plus venir ? Annulez votre inscription sur la page de l'événement : la place ira à quelqu'un d'autre.",
      },
      { kind: 'button', label: "Voir l'événement", url: eventUrl(input) },
      ...calendarNote(input, "L'événement est joint (evenement.ics) : ouvrez-le pour l'ajouter à votre agenda."),
      {
        kind: 'note',
        text: 'Vous pouvez désactiver les rappels de cet événement sur sa page, ou tous les rappels dans vos préférences de notification.',
      },
    ],
    reason: `Vous recevez cet e-mail parce que vous êtes inscrit·e à cet événement sur ${NETWORK_NAME} et que les rappels sont activés.`,
  };
}
