import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';

/**
 * What the member proposed (params `contentType`: EVENT or GUIDE_ARTICLE, `contentId`, `title`, and for a fiche
 * `slug`): the words and the page to open.
 */
function proposal(input: TemplateInput): { noun: string; label: string; url: string; isEvent: boolean } {
  const base = input.publicUrl.replace(/\/+$/, '');
  const isEvent = requireParam(input, 'contentType') === 'EVENT';
  const id = requireParam(input, 'contentId');
  const title = requireParam(input, 'title');
  if (isEvent)
    return { noun: `votre événement « ${title} »`, label: "Voir l'événement", url: `${base}/evenements/${encodeURIComponent(id)}`, isEvent };
  const slug = input.params.slug?.trim();
  return {
    noun: `votre fiche « ${title} »`,
    label: 'Voir la fiche',
    url: slug ? `${base}/guide/${encodeURIComponent(slug)}` : `${base}/moi`,
    isEvent,
  };
}

/** Staff published the event or fiche the member proposed (params: contentType, contentId, title, slug?). */
export function proposalPublishedTemplate(input: TemplateInput): EmailContent {
  const p = proposal(input);
  const title = requireParam(input, 'title');
  return {
    subject: `Publié : ${title} – ${NETWORK_NAME}`,
    preheader: `L'équipe d'animation a publié ${p.noun}.`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Bonne nouvelle : l'équipe d'animation a relu et publié ${p.noun}. ${p.isEvent ? "Il figure désormais dans l'agenda du réseau." : 'Elle est désormais en ligne dans le guide.'}`,
      },
      { kind: 'button', label: p.label, url: p.url },
      { kind: 'paragraph', text: 'Merci pour votre contribution au réseau !' },
    ],
    reason: `Vous recevez cet e-mail parce que vous avez proposé ${p.isEvent ? 'cet événement' : 'cette fiche'} sur ${NETWORK_NAME}.`,
  };
}

/** Staff refused the event, or sent the fiche back to its authors (params: contentType, contentId, title, slug?, reason). */
export function proposalRejectedTemplate(input: TemplateInput): EmailContent {
  const p = proposal(input);
  const title = requireParam(input, 'title');
  const reason = requireParam(input, 'reason').trim();
  return {
    subject: `${p.isEvent ? 'Non publié' : 'À reprendre'} : ${title} – ${NETWORK_NAME}`,
    preheader: `L'équipe d'animation a relu ${p.noun}.`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: p.isEvent
          ? `L'équipe d'animation a relu ${p.noun} et ne l'a pas publié pour l'instant.`
          : `L'équipe d'animation a relu ${p.noun} et vous la renvoie en brouillon.`,
      },
      { kind: 'paragraph', text: `Motif donné par l'équipe : ${reason}` },
      {
        kind: 'paragraph',
        text: p.isEvent
          ? 'Vous pouvez le modifier : il sera alors proposé à nouveau à la relecture.'
          : 'Vous pouvez la modifier puis la proposer à nouveau à la relecture.',
      },
      { kind: 'button', label: p.label, url: p.url },
    ],
    reason: `Vous recevez cet e-mail parce que vous avez proposé ${p.isEvent ? 'cet événement' : 'cette fiche'} sur ${NETWORK_NAME}.`,
  };
}
