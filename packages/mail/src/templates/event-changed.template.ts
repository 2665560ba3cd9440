import { NETWORK_NAME, type Block, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';
import { calendarNote, eventFacts, eventUrl } from './event-shared';

/** One « before → after » line, when the pair is given (params `<name>Before` / `<name>After`; empty: « aucun »). */
function changeLine(input: TemplateInput, name: string, label: string, none: string): Block[] {
  const before = input.params[`${name}Before`];
  const after = input.params[`${name}After`];
  if (before === undefined && after === undefined) return [];
  return [{ kind: 'paragraph', text: `${label} : ${before?.trim() || none} → ${after?.trim() || none}` }];
}

/**
 * The online link's change: « Lien en ligne : ancien lien → nouveau lien » in HTML (links in words), both addresses
 * in the text part (empty: « aucun »).
 */
function onlineChangeLine(input: TemplateInput): Block[] {
  const before = input.params.onlineBefore?.trim();
  const after = input.params.onlineAfter?.trim();
  if (input.params.onlineBefore === undefined && input.params.onlineAfter === undefined) return [];
  return [
    {
      kind: 'line',
      parts: [
        'Lien en ligne : ',
        before ? { label: 'ancien lien', url: before } : 'aucun',
        ' → ',
        after ? { label: 'nouveau lien', url: after } : 'aucun',
      ],
    },
  ];
}

/**
 * The time, place or online link of an event the member registered for (or waits for) changed. Params: eventId, title,
 * when, place?, onlineUrl? (the event now), and the pairs of what changed: whenBefore/whenAfter,
 * placeBefore/placeAfter, onlineBefore/onlineAfter; ics = 'oui' when the updated .ics is attached.
 */
export function eventChangedTemplate(input: TemplateInput): EmailContent {
  const title = requireParam(input, 'title');
  const changes = [
    ...changeLine(input, 'when', 'Horaire', 'non précisé'),
    ...changeLine(input, 'place', 'Lieu', 'aucun lieu (en ligne)'),
    ...onlineChangeLine(input),
  ];
  return {
    subject: `Modifié : ${title} – ${NETWORK_NAME}`,
    preheader: `L'événement « ${title} » a changé : voici ce qui est nouveau.`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      { kind: 'paragraph', text: `L'événement « ${title} », auquel vous êtes inscrit·e, a changé. Ce qui change (avant → après) :` },
      ...changes,
      { kind: 'paragraph', text: "L'événement désormais :" },
      ...eventFacts(input),
      {
        kind: 'paragraph',
        text: "Vous ne pouvez plus venir ? Annulez votre inscription sur la page de l'événement : la place ira à quelqu'un d'autre.",
      },
      { kind: 'button', label: "Voir l'événement", url: eventUrl(input) },
      ...calendarNote(input, "Le fichier joint (evenement.ics) met à jour l'événement dans votre agenda."),
    ],
    reason: `Vous recevez cet e-mail parce que vous êtes inscrit·e à cet événement sur ${NETWORK_NAME}.`,
  };
}
