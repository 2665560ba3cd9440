import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';
import { calendarNote, eventFacts, eventUrl } from './event-shared';

const PARIS = 'Europe/Paris';
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit' });
const LONG_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long', day: 'numeric', month: 'long' });

/** Days between two Paris calendar dates ("2026-11-24" → whole days, DST-proof: compared as UTC dates). */
const parisDayNumber = (date: Date): number => Date.parse(`${DAY.format(date)}T00:00:00Z`) / 86_400_000;

/**
 * When the event starts, as seen from `now`, in Paris: « aujourd'hui à 19:00 », « demain à 19:00 », otherwise
 * « le mardi 24 novembre à 19:00 » (« le mardi 1er décembre »). Words the reminder by the real time left when it is written, not by its offset
 * (a day-before reminder written late, the same day, says « aujourd'hui »).
 */
export function reminderStartPhrase(startsAt: Date, now: Date): string {
  const time = TIME.format(startsAt);
  const days = parisDayNumber(startsAt) - parisDayNumber(now);
  if (days === 0) return `aujourd'hui à ${time}`;
  if (days === 1) return `demain à ${time}`;
  const parts = Object.fromEntries(LONG_DAY.formatToParts(startsAt).map((p) => [p.type, p.value]));
  return `le ${parts.weekday} ${parts.day === '1' ? '1er' : parts.day} ${parts.month} à ${time}`;
}

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
      { kind: 'paragraph', text: "Vous ne pouvez plus venir ? Annulez votre inscription sur la page de l'événement : la place ira à quelqu'un d'autre." },
      { kind: 'button', label: "Voir l'événement", url: eventUrl(input) },
      ...calendarNote(input, "L'événement est joint (evenement.ics) : ouvrez-le pour l'ajouter à votre agenda."),
      { kind: 'note', text: "Vous pouvez désactiver les rappels de cet événement sur sa page, ou tous les rappels dans vos préférences de notification." },
    ],
    reason: `Vous recevez cet e-mail parce que vous êtes inscrit·e à cet événement sur ${NETWORK_NAME} et que les rappels sont activés.`,
  };
}
