import { NETWORK_NAME, OF_NETWORK, type Block, type EmailContent } from '../layout';
import { secretLink } from '../secret-links';
import { requireParam, TemplateParamError, type TemplateInput } from '../template-input';

export interface DigestSection {
  title: string;
  items: { label: string; url: string; detail?: string }[];
}

/**
 * The veille digest (params: periodLabel, sections — JSON of DigestSection[], empty sections left out —
 * preferencesUrl, unsubscribeUrl). The workers build the sections; an empty digest is never rendered. The footer's
 * words « Gérer mes préférences » (preferencesUrl, by default the site's /preferences) and « Me désabonner » link to
 * them; the text part writes their addresses. The unsubscribe link is by default the member's secret one,
 * `${publicUrl}/unsubscribe/[lien masqué]`, signed and filled in at delivery; `unsubscribeUrl` replaces it with a link
 * that holds no secret (staff's preview: the preferences page).
 */
export function digestTemplate(input: TemplateInput): EmailContent {
  const periodLabel = requireParam(input, 'periodLabel');
  const unsubscribeUrl = input.params.unsubscribeUrl?.trim() || secretLink(input.publicUrl, '/unsubscribe');
  let sections: DigestSection[];
  try {
    sections = JSON.parse(requireParam(input, 'sections')) as DigestSection[];
    if (!Array.isArray(sections)) throw new Error('not a list');
  } catch (error) {
    if (error instanceof TemplateParamError) throw error;
    throw new TemplateParamError('sections');
  }
  const blocks: Block[] = [{ kind: 'paragraph', text: `Voici ce que la veille du réseau a repéré près de chez vous ${periodLabel}.` }];
  for (const section of sections.filter((s) => s.items?.length)) {
    blocks.push({ kind: 'heading', text: section.title });
    for (const item of section.items)
      blocks.push({ kind: 'item', label: item.label, url: item.url, ...(item.detail ? { detail: item.detail } : {}) });
  }
  const preferencesUrl = input.params.preferencesUrl?.trim() || `${input.publicUrl.replace(/\/+$/, '')}/preferences`;
  return {
    subject: `La veille ${periodLabel} – ${NETWORK_NAME}`,
    preheader: 'Initiatives citoyennes, événements et fiches du guide près de chez vous.',
    greeting: `Bonjour ${input.displayName},`,
    blocks,
    reason: `Vous recevez cet e-mail parce que vous êtes abonné·e à la lettre de veille ${OF_NETWORK}, selon vos préférences de notification.`,
    footerLinks: [
      { label: 'Gérer mes préférences', url: preferencesUrl },
      { label: 'Me désabonner', url: unsubscribeUrl },
    ],
  };
}
