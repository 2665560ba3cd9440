import { NETWORK_NAME, type EmailContent } from '../layout';
import { secretLink } from '../secret-links';
import { requireParam, type TemplateInput } from '../template-input';

/** The group's page on the site: `${PUBLIC_URL}/groupes/<groupId>`. */
export const groupUrl = (input: TemplateInput): string =>
  `${input.publicUrl.replace(/\/+$/, '')}/groupes/${encodeURIComponent(requireParam(input, 'groupId'))}`;

/**
 * A message a group's admins (or staff) sent to its members (params: groupId, groupName, subject, body, authorName?).
 * The body is the author's plain text, escaped. Its unsubscribe link (this group's messages only) is the member's
 * secret one, `${publicUrl}/unsubscribe/[lien masqué]`, signed and filled in at delivery, as in the List-Unsubscribe
 * header.
 */
export function groupMessageTemplate(input: TemplateInput): EmailContent {
  const groupName = requireParam(input, 'groupName');
  const subject = requireParam(input, 'subject');
  const body = requireParam(input, 'body');
  const author = input.params.authorName?.trim();
  const url = groupUrl(input);
  return {
    subject: `[${groupName}] ${subject} – ${NETWORK_NAME}`,
    preheader: `Un message du groupe « ${groupName} ».`,
    greeting: `Bonjour ${input.displayName},`,
    blocks: [
      { kind: 'paragraph', text: `${author ? `${author} a écrit` : 'Un message a été écrit'} aux membres du groupe « ${groupName} » :` },
      { kind: 'quote', text: body },
      { kind: 'button', label: 'Voir le groupe', url },
      { kind: 'note', text: 'Un message déplacé ? Signalez-le depuis la page du groupe.' },
    ],
    reason: `Vous recevez cet e-mail parce que vous êtes membre du groupe « ${groupName} » sur ${NETWORK_NAME}. Vous pouvez ne plus recevoir ses messages et en rester membre.`,
    footerLinks: [{ label: 'Ne plus recevoir les messages de ce groupe', url: secretLink(input.publicUrl, '/unsubscribe') }],
  };
}
