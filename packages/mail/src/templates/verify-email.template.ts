import { NETWORK_NAME, type EmailContent } from '../layout';
import { secretLink } from '../secret-links';
import { validityNote, type TemplateInput } from '../template-input';

/** Sent after sign-up (or an address change): the link proves the member owns the address. */
export function verifyEmailTemplate(input: TemplateInput): EmailContent {
  // The single-use token goes in at delivery (the workers ask members for it): every stored copy shows the placeholder.
  const url = secretLink(input.publicUrl, '/verifier-email', 'token');
  return {
    subject: `Confirmez votre adresse e-mail – ${NETWORK_NAME}`,
    preheader: 'Un clic pour confirmer votre adresse et finir votre inscription.',
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      { kind: 'paragraph', text: `Merci de rejoindre ${NETWORK_NAME} ! Pour finir votre inscription, confirmez votre adresse e-mail :` },
      { kind: 'button', label: 'Confirmer mon adresse e-mail', url },
      ...validityNote(input),
      {
        kind: 'note',
        text: `Si vous n'avez pas créé de compte sur ${NETWORK_NAME}, ignorez simplement ce message : votre adresse ne sera pas confirmée.`,
      },
    ],
    reason: `Vous recevez cet e-mail parce qu'un compte a été créé avec cette adresse sur ${NETWORK_NAME}.`,
  };
}
