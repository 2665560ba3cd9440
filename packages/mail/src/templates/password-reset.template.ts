import { NETWORK_NAME, type EmailContent } from '../layout';
import { secretLink } from '../secret-links';
import { validityNote, type TemplateInput } from '../template-input';

/** Sent when someone asks to reset the member's password. */
export function passwordResetTemplate(input: TemplateInput): EmailContent {
  // The single-use token goes in at delivery (the workers ask members for it): every stored copy shows the placeholder.
  const url = secretLink(input.publicUrl, '/reinitialiser-mot-de-passe', 'token');
  return {
    subject: `Réinitialisation de votre mot de passe – ${NETWORK_NAME}`,
    preheader: 'Choisissez un nouveau mot de passe pour votre compte.',
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: 'Une demande de réinitialisation du mot de passe de votre compte a été faite. Pour choisir un nouveau mot de passe :',
      },
      { kind: 'button', label: 'Choisir un nouveau mot de passe', url },
      ...validityNote(input),
      {
        kind: 'note',
        text: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.",
      },
    ],
    reason: `Vous recevez cet e-mail parce qu'une réinitialisation du mot de passe a été demandée pour votre compte ${NETWORK_NAME}.`,
  };
}
