import { NETWORK_NAME, OF_NETWORK, type EmailContent } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';
import { buddyBlocks } from './welcome.template';

/** Staff paired the newcomer with a buddy (params buddyId, buddyName): who, and how to reach them. */
export function buddyAssignedTemplate(input: TemplateInput): EmailContent {
  const buddyName = requireParam(input, 'buddyName');
  requireParam(input, 'buddyId');
  return {
    subject: `${buddyName} sera votre binôme – ${NETWORK_NAME}`,
    preheader: `Une personne du réseau pour vous accompagner à vos débuts.`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      ...buddyBlocks(input, "L'équipe d'animation a pensé à vous :").filter((block) => block.kind !== 'heading'),
      { kind: 'paragraph', text: "N'hésitez pas à lui écrire pour vous présenter : c'est fait pour ça !" },
    ],
    reason: `Vous recevez cet e-mail parce que l'équipe d'animation ${OF_NETWORK} vous a choisi un·e binôme à votre arrivée.`,
  };
}
