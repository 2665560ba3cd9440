import escapeHtml from 'escape-html';

/** The network's name as people read it, in every subject line and signature. */
export const NETWORK_NAME = 'Les Métropotes';
/** The name after « de » in French (« la lettre des Métropotes », never « de Les Métropotes »). */
export const OF_NETWORK = 'des Métropotes';
const ASSOCIATION = "l'association Métropop'!";

/** Escapes text for HTML content and quoted attribute values (& < > " ', the escape-html library). */
export { escapeHtml };

/** A block of an e-mail, written once and rendered both as HTML and as plain text. */
export type Block =
  | { kind: 'paragraph'; text: string }
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
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const SIGNATURE = `L'équipe d'animation des Métropotes`;
const FOOTER_ABOUT = `${NETWORK_NAME} : le réseau des habitant·es et associations engagé·es de la métropole parisienne, animé par ${ASSOCIATION}`;
const AUTOMATIC = 'Cet e-mail est envoyé automatiquement : merci de ne pas y répondre.';

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px 0;">${escapeHtml(block.text)}</p>`;
    case 'note':
      return `<p style="margin:0 0 16px 0;color:#555555;font-size:14px;">${escapeHtml(block.text)}</p>`;
    case 'quote':
      return `<div style="margin:0 0 16px 0;padding:8px 16px;border-left:4px solid #c2185b;white-space:pre-wrap;">${escapeHtml(block.text)}</div>`;
    case 'heading':
      return `<h2 style="margin:24px 0 12px 0;font-size:18px;color:#c2185b;">${escapeHtml(block.text)}</h2>`;
    case 'item':
      return (
        `<p style="margin:0 0 12px 0;"><a href="${escapeHtml(block.url)}" style="color:#c2185b;font-weight:bold;">${escapeHtml(block.label)}</a>` +
        (block.detail ? `<br><span style="color:#555555;font-size:14px;">${escapeHtml(block.detail)}</span>` : '') +
        `</p>`
      );
    case 'button': {
      const href = escapeHtml(block.url);
      return (
        `<p style="margin:24px 0;text-align:center;">` +
        `<a href="${href}" style="display:inline-block;background:#c2185b;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 24px;border-radius:6px;">${escapeHtml(block.label)}</a>` +
        `</p>` +
        `<p style="margin:0 0 16px 0;color:#555555;font-size:14px;">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br><a href="${href}" style="color:#c2185b;word-break:break-all;">${href}</a></p>`
      );
    }
  }
}

function textBlock(block: Block): string {
  switch (block.kind) {
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

/** Renders an e-mail's content in the network's layout, as HTML and plain text. Pure. */
export function renderLayout(content: EmailContent): RenderedEmail {
  const html = `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f1ec;">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(content.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f1ec;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222222;">
<tr><td style="padding:24px 32px;border-bottom:4px solid #c2185b;font-size:22px;font-weight:bold;color:#c2185b;">${escapeHtml(NETWORK_NAME)}</td></tr>
<tr><td style="padding:32px;">
<p style="margin:0 0 16px 0;">${escapeHtml(content.greeting)}</p>
${content.blocks.map(htmlBlock).join('\n')}
<p style="margin:24px 0 0 0;">À bientôt,<br>${escapeHtml(SIGNATURE)}</p>
</td></tr>
<tr><td style="padding:16px 32px 24px 32px;border-top:1px solid #e5e0d8;font-size:12px;color:#777777;">
<p style="margin:0 0 8px 0;">${escapeHtml(content.reason)}</p>
<p style="margin:0 0 8px 0;">${escapeHtml(FOOTER_ABOUT)}</p>
<p style="margin:0;">${escapeHtml(AUTOMATIC)}</p>
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
    FOOTER_ABOUT,
    AUTOMATIC,
    '',
  ].join('\n');

  return { subject: content.subject, html, text };
}
