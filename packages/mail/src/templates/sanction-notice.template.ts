import { NETWORK_NAME, type EmailContent } from '../layout';
import { requireParam, TemplateParamError, type TemplateInput } from '../template-input';

const DECISION: Record<string, { subject: string; text: string }> = {
  WARN: { subject: 'Avertissement', text: "L'équipe d'animation vous adresse un avertissement." },
  SUSPEND: { subject: 'Compte suspendu', text: "L'équipe d'animation a suspendu votre compte." },
  BAN: { subject: 'Compte exclu', text: "L'équipe d'animation a exclu votre compte du réseau." },
};

/**
 * A member was warned, suspended or banned (params: action WARN | SUSPEND | BAN, reason, contact — the address to
 * contest it —, until — SUSPEND: the end, as people say it in Paris time).
 */
export function sanctionNoticeTemplate(input: TemplateInput): EmailContent {
  const action = requireParam(input, 'action');
  const decision = DECISION[action];
  // Not one of these: the e-mail cannot be written (its row is closed dead, not retried).
  if (!decision) throw new TemplateParamError('action');
  const reason = requireParam(input, 'reason').trim();
  const contact = requireParam(input, 'contact').trim();
  const until = action === 'SUSPEND' ? requireParam(input, 'until') : null;
  const duration =
    action === 'WARN'
      ? "Cet avertissement ne limite pas votre compte : il reste inscrit à votre dossier, et l'équipe en tiendra compte si d'autres signalements arrivent."
      : action === 'SUSPEND'
        ? `La suspension dure jusqu'au ${until} (heure de Paris) : jusque-là, vous ne pouvez plus vous connecter ni participer. Votre compte redeviendra actif ensuite.`
        : "L'exclusion est définitive : vous ne pouvez plus vous connecter ni participer au réseau.";
  return {
    subject: `${decision.subject} – ${NETWORK_NAME}`,
    preheader: decision.text,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      { kind: 'paragraph', text: `${decision.text} Cette décision fait suite à un examen de votre activité sur ${NETWORK_NAME}.` },
      { kind: 'paragraph', text: `Motif : ${reason}` },
      { kind: 'paragraph', text: duration },
      {
        kind: 'paragraph',
        text: `Si vous pensez que cette décision est une erreur, vous pouvez la contester en écrivant à ${contact}, en expliquant pourquoi.`,
      },
      {
        kind: 'item',
        label: 'La charte du réseau',
        url: `${input.publicUrl.replace(/\/+$/, '')}/charte`,
        detail: 'Les règles que chacun·e s’engage à respecter sur le réseau.',
      },
    ],
    reason: `Vous recevez cet e-mail parce qu'une décision de modération concerne votre compte sur ${NETWORK_NAME}.`,
  };
}
