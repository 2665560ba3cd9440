import { unbreakable } from '@metropotes/french-time';
import escapeHtml from 'escape-html';

/** The network's name as people read it, in every subject line and signature. */
export const NETWORK_NAME = 'Les Métropotes';
/** The name after « de » in French (« la lettre des Métropotes », never « de Les Métropotes »). */
export const OF_NETWORK = 'des Métropotes';
const ASSOCIATION = "l'association Métropop'!";

/** Escapes text for HTML content and quoted attribute values (& < > " ', the escape-html library). */
export { escapeHtml };

/**
 * Text for the HTML part, escaped, with French typography's no-break spaces, so that a narrow screen never breaks
 * « 18 h 30 » or « 3 décembre » apart (@metropotes/french-time's `unbreakable`) nor starts a line with « : », « ? » or « » ».
 * The text part keeps plain spaces.
 */
export function htmlText(value: string): string {
  return escapeHtml(unbreakable(value))
    .replace(/\u00a0/g, '&nbsp;')
    .replace(/ (?=[:;!?»])/g, '&nbsp;')
    .replace(/« /g, '«&nbsp;');
}

/** A link written as words in the HTML part (« Me désabonner »), as its full address in the text part. */
export interface WordLink {
  label: string;
  url: string;
}

/**
 * A block of an e-mail, written once and rendered both as HTML and as plain text. In the HTML part every link is
 * words; only the fallback under a button shows an address (wrapped anywhere). The text part writes full addresses.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  /** A paragraph of text and links: the links' words in HTML, their addresses in text (« En ligne : … »). */
  | { kind: 'line'; parts: (string | WordLink)[] }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'note'; text: string }
  /** A section title (digests). */
  | { kind: 'heading'; text: string }
  /** A linked entry with an optional line of detail (digests). */
  | { kind: 'item'; label: string; url: string; detail?: string }
  /** A text someone wrote (a group's or an organizer's message): plain text, escaped, line breaks kept. */
  | { kind: 'quote'; text: string };

export interface EmailContent {
  subject: string;
  /** Shown by mail clients next to the subject. */
  preheader: string;
  greeting: string;
  blocks: Block[];
  /** Why the member receives this e-mail (shown in the footer). */
  reason: string;
  /** Links of the footer, after the reason (« Gérer mes préférences », « Me désabonner »). */
  footerLinks?: WordLink[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const SIGNATURE = `L'équipe d'animation des Métropotes`;
const FOOTER_ABOUT = `${NETWORK_NAME} : le réseau des habitant·es et associations engagé·es de la métropole parisienne, animé par ${ASSOCIATION}`;
const AUTOMATIC = 'Cet e-mail est envoyé automatiquement : merci de ne pas y répondre.';

const LINK_STYLE = 'color:#c2185b;';

const htmlLink = (link: WordLink, style = LINK_STYLE): string => `<a href="${escapeHtml(link.url)}" style="${style}">${htmlText(link.label)}</a>`;

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px 0;">${htmlText(block.text)}</p>`;
    case 'line':
      return `<p style="margin:0 0 16px 0;">${block.parts.map((part) => (typeof part === 'string' ? htmlText(part) : htmlLink(part))).join('')}</p>`;
    case 'note':
      return `<p style="margin:0 0 16px 0;color:#555555;font-size:14px;">${htmlText(block.text)}</p>`;
    case 'quote':
      return `<div style="margin:0 0 16px 0;padding:8px 16px;border-left:4px solid #c2185b;white-space:pre-wrap;">${htmlText(block.text)}</div>`;
    case 'heading':
      return `<h2 style="margin:24px 0 12px 0;font-size:18px;color:#c2185b;">${htmlText(block.text)}</h2>`;
    case 'item':
      return (
        `<p style="margin:0 0 12px 0;">${htmlLink(block, `${LINK_STYLE}font-weight:bold;`)}` +
        (block.detail ? `<br><span style="color:#555555;font-size:14px;">${htmlText(block.detail)}</span>` : '') +
        `</p>`
      );
    case 'button': {
      const href = escapeHtml(block.url);
      return (
        `<p style="margin:24px 0;text-align:center;">` +
        `<a href="${href}" style="display:inline-block;background:#c2185b;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 24px;border-radius:6px;">${htmlText(block.label)}</a>` +
        `</p>` +
        `<p class="fallback" style="margin:0 0 16px 0;color:#555555;font-size:14px;">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur&nbsp;:<br><a href="${href}" style="${LINK_STYLE}word-break:break-all;overflow-wrap:anywhere;">${href}</a></p>`
      );
    }
  }
}

function textBlock(block: Block): string {
  switch (block.kind) {
    case 'line':
      return block.parts.map((part) => (typeof part === 'string' ? part : part.url)).join('');
    case 'paragraph':
    case 'note':
    case 'quote':
      return block.text;
    case 'button':
      return `${block.label} :\n${block.url}`;
    case 'heading':
      return `== ${block.text} ==`;
    case 'item':
      return [`- ${block.label}`, ...(block.detail ? [`  ${block.detail}`] : []), `  ${block.url}`].join('\n');
  }
}

/**
 * Mail apps show the preheader after the subject; it is hidden in the message itself. Filler after it keeps them from
 * showing the start of the body behind it (zero-width non-joiners and non-breaking spaces, as mail designers do).
 */
const PREHEADER_FILLER = '&#847;&zwnj;&nbsp;'.repeat(40);

/**
 * Phones: narrower margins. Mail apps that drop <style> keep the inline styles, which fit 320 px too (fluid tables,
 * long words broken anywhere).
 */
const PHONE_STYLE = `@media only screen and (max-width: 480px) {
  .outer { padding: 12px 0 !important; }
  .inner { padding: 24px 16px !important; }
  .edge { padding-left: 16px !important; padding-right: 16px !important; }
}`;

/** Renders an e-mail's content in the network's layout, as HTML and plain text. Pure. */
export function renderLayout(content: EmailContent): RenderedEmail {
  const footerLinks = content.footerLinks ?? [];
  const html = `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>${escapeHtml(content.subject)}</title>
<style>
${PHONE_STYLE}
</style>
</head>
<body style="margin:0;padding:0;background:#f4f1ec;">
<div class="preheader" style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;">${escapeHtml(content.preheader)}${PREHEADER_FILLER}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f1ec;">
<tr><td class="outer" align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222222;overflow-wrap:break-word;word-wrap:break-word;">
<tr><td class="edge" style="padding:24px 32px;border-bottom:4px solid #c2185b;font-size:22px;font-weight:bold;color:#c2185b;">${escapeHtml(NETWORK_NAME)}</td></tr>
<tr><td class="inner" style="padding:32px;">
<p style="margin:0 0 16px 0;">${htmlText(content.greeting)}</p>
${content.blocks.map(htmlBlock).join('\n')}
<p style="margin:24px 0 0 0;">À bientôt,<br>${escapeHtml(SIGNATURE)}</p>
</td></tr>
<tr><td class="edge" style="padding:16px 32px 24px 32px;border-top:1px solid #e5e0d8;font-size:12px;color:#666666;">
<p style="margin:0 0 8px 0;">${htmlText(content.reason)}</p>
${footerLinks.length ? `<p style="margin:0 0 8px 0;">${footerLinks.map((link) => htmlLink(link, 'color:#666666;text-decoration:underline;')).join(' · ')}</p>\n` : ''}<p style="margin:0 0 8px 0;">${htmlText(FOOTER_ABOUT)}</p>
<p style="margin:0;">${htmlText(AUTOMATIC)}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

  const text = [
    NETWORK_NAME,
    '',
    content.greeting,
    '',
    ...content.blocks.flatMap((block) => [textBlock(block), '']),
    'À bientôt,',
    SIGNATURE,
    '',
    '-- ',
    content.reason,
    ...footerLinks.map((link) => `${link.label} : ${link.url}`),
    FOOTER_ABOUT,
    AUTOMATIC,
    '',
  ].join('\n');

  return { subject: content.subject, html, text };
}
