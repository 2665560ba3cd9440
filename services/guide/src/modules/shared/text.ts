import { foldName } from '@metropotes/territories';

/** "Créer un conseil de quartier !" → "creer-un-conseil-de-quartier". */
export function slugify(title: string): string {
  const base = foldName(title).split(' ').filter(Boolean).join('-').slice(0, 80).replace(/-+$/, '');
  return base || 'fiche';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Undoes the entities sanitize-html leaves in plain text. */
export const decodeEntities = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
