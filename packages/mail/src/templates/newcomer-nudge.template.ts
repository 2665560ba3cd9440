import { NETWORK_NAME, type Block, type EmailContent } from '../layout';
import { siteUrl, type TemplateInput } from '../template-input';
import { buddyBlocks, registrationLink } from './welcome.template';

/** Where an event is, said from the newcomer's side (`event<n>Scope`, communeName, territoryName). */
function nearness(input: TemplateInput, scope: string | undefined): string {
  const { communeName, territoryName } = input.params;
  if (scope === 'COMMUNE' && communeName) return 'dans votre commune';
  if (scope === 'TERRITORY' && territoryName) return `dans votre territoire, ${territoryName}`;
  return 'dans la Métropole';
}

/** The events of params event1…, event2… (Id, Title, When, Place?, Scope), each with its one-click registration link. */
function eventBlocks(input: TemplateInput): Block[] {
  const blocks: Block[] = [];
  for (let n = 1; n <= 3; n++) {
    const id = input.params[`event${n}Id`];
    const title = input.params[`event${n}Title`];
    const when = input.params[`event${n}When`];
    if (!id || !title || !when) continue;
    const place = input.params[`event${n}Place`];
    blocks.push({
      kind: 'item',
      label: `« ${title} », ${when}`,
      url: registrationLink(input.publicUrl, id),
      detail: `${place ? `${place}, ` : ''}${nearness(input, input.params[`event${n}Scope`])}. M'inscrire en un clic.`,
    });
  }
  return blocks;
}

/**
 * Sent once, NEWCOMER_NUDGE_WEEKS after sign-up, to a newcomer who has not come to an event yet: the next events near
 * them (params event1Id, event1Title, event1When, event1Place?, event1Scope, the same for event2; communeName,
 * territoryName) with one-click registration links, and their buddy if they have one (buddyId, buddyName, buddyHidden).
 */
export function newcomerNudgeTemplate(input: TemplateInput): EmailContent {
  const events = eventBlocks(input);
  return {
    subject: `On vous attend au prochain rendez-vous – ${NETWORK_NAME}`,
    preheader: events.length ? 'Les prochains rendez-vous du réseau près de chez vous.' : "Le réseau vous attend : voici l'agenda.",
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Vous avez rejoint ${NETWORK_NAME} il y a quelques semaines, et nous ne nous sommes pas encore croisé·es. Le plus simple pour commencer : venir à un rendez-vous près de chez vous, sans rien préparer. Vous y serez bien accueilli·e.`,
      },
      ...(events.length
        ? [{ kind: 'heading', text: 'Les prochains rendez-vous près de chez vous' } as Block, ...events]
        : [
            {
              kind: 'paragraph',
              text: "Aucun rendez-vous n'est annoncé près de chez vous pour l'instant : ils sont publiés à l'agenda quelques semaines à l'avance.",
            } as Block,
          ]),
      { kind: 'button', label: "Voir tout l'agenda", url: `${siteUrl(input.publicUrl)}agenda` },
      ...buddyBlocks(input, 'Pour rappel,').filter((block) => block.kind !== 'heading'),
      {
        kind: 'note',
        text: 'Les liens ouvrent la page du rendez-vous : il vous reste à confirmer votre inscription (après vous être connecté·e si besoin).',
      },
    ],
    reason: `Vous recevez cet e-mail parce que vous avez rejoint ${NETWORK_NAME} il y a quelques semaines ; il n'est envoyé qu'une fois. Vous pouvez désactiver les e-mails d'accueil dans vos préférences de notification.`,
  };
}
