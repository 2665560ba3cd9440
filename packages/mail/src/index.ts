import { renderLayout, type EmailContent, type RenderedEmail } from './layout';
import { withoutPlaceholder } from './secret-links';
import { TemplateParamError, type TemplateInput } from './template-input';
import { digestTemplate } from './templates/digest.template';
import { eventCancelledTemplate } from './templates/event-cancelled.template';
import { eventChangedTemplate } from './templates/event-changed.template';
import { eventReminderTemplate } from './templates/event-reminder.template';
import { registrationPromotedTemplate } from './templates/registration-promoted.template';
import { passwordResetTemplate } from './templates/password-reset.template';
import { prospectInvitationTemplate } from './templates/prospect-invitation.template';
import { verifyEmailTemplate } from './templates/verify-email.template';
import { welcomeTemplate } from './templates/welcome.template';
import { buddyAssignedTemplate } from './templates/buddy-assigned.template';
import { proposalPublishedTemplate, proposalRejectedTemplate } from './templates/proposal-reviewed.template';
import { reportOutcomeTemplate } from './templates/report-outcome.template';
import { sanctionNoticeTemplate } from './templates/sanction-notice.template';
import { staffDigestTemplate } from './templates/staff-digest.template';
import { eventMessageTemplate } from './templates/event-message.template';
import { groupMessageTemplate } from './templates/group-message.template';
import { buddyNudgeTemplate } from './templates/buddy-nudge.template';
import { newcomerNudgeTemplate } from './templates/newcomer-nudge.template';

export { escapeHtml, NETWORK_NAME, type RenderedEmail } from './layout';
export { TemplateParamError, type TemplateInput } from './template-input';
export { fillSecretLinks, hasSecretLink, SECRET_LINK_PLACEHOLDER, secretLink } from './secret-links';
export type { DigestSection } from './templates/digest.template';
export { reminderStartPhrase } from './templates/event-reminder.template';
export { profileLink, registrationLink } from './templates/welcome.template';
export { STAFF_DIGEST_ITEMS, type StaffDigestKey } from './templates/staff-digest.template';

/** Every transactional e-mail of the platform, by template name. */
const TEMPLATES = {
  'verify-email': verifyEmailTemplate,
  'password-reset': passwordResetTemplate,
  welcome: welcomeTemplate,
  'buddy-assigned': buddyAssignedTemplate,
  'newcomer-nudge': newcomerNudgeTemplate,
  'buddy-nudge': buddyNudgeTemplate,
  'prospect-invitation': prospectInvitationTemplate,
  'event-cancelled': eventCancelledTemplate,
  'event-changed': eventChangedTemplate,
  'registration-promoted': registrationPromotedTemplate,
  'event-reminder': eventReminderTemplate,
  digest: digestTemplate,
  'proposal-published': proposalPublishedTemplate,
  'proposal-rejected': proposalRejectedTemplate,
  'sanction-notice': sanctionNoticeTemplate,
  'report-outcome': reportOutcomeTemplate,
  'staff-digest': staffDigestTemplate,
  'group-message': groupMessageTemplate,
  'event-message': eventMessageTemplate,
} as const satisfies Record<string, (input: TemplateInput) => EmailContent>;

export type MailTemplateName = keyof typeof TEMPLATES;
export const MAIL_TEMPLATE_NAMES = Object.keys(TEMPLATES) as MailTemplateName[];

export const isMailTemplateName = (name: string): name is MailTemplateName => Object.hasOwn(TEMPLATES, name);

/**
 * Renders a template to subject, HTML and plain text, in French. Pure: same input, same output.
 * Throws TemplateParamError when a needed parameter is missing.
 *
 * No secret is ever a parameter: a template with a secret link (verify-email, password-reset, prospect-invitation,
 * the digest's unsubscribe link) writes it with SECRET_LINK_PLACEHOLDER, which the workers fill in at delivery. The
 * placeholder is neutralised in the name and parameters, so that only the template's own links get the secret.
 */
export function renderEmail(template: MailTemplateName, input: TemplateInput): RenderedEmail {
  const build = TEMPLATES[template];
  if (!build) throw new Error(`Unknown e-mail template "${String(template)}"`);
  const params = Object.fromEntries(
    Object.entries(input.params).map(([key, value]) => [key, typeof value === 'string' ? withoutPlaceholder(value) : value]),
  );
  try {
    return renderLayout(build({ ...input, displayName: withoutPlaceholder(input.displayName), params }));
  } catch (error) {
    if (error instanceof TemplateParamError && !error.template) throw new TemplateParamError(error.param, template);
    throw error;
  }
}
