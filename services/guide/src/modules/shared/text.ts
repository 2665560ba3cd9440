import { foldName } from '@metropotes/territories';
import escapeHtml from 'escape-html';

/** "Créer un conseil de quartier !" → "creer-un-conseil-de-quartier". */
export function slugify(title: string): string {
  const base = foldName(title).split(' ').filter(Boolean).join('-').slice(0, 80).replace(/-+$/, '');
  return base || 'fiche';
}

/** Escapes text for HTML (& < > " ', the escape-html library). */
export { escapeHtml };

/** Undoes the entities sanitize-html leaves in plain text. */
export const decodeEntities = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
