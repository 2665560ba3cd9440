import MarkdownIt from 'markdown-it';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Our own pages (charte, confidentialité…): Markdown files of services/web/content, no raw HTML allowed in them. */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

export interface ContentPage {
  title: string;
  html: string;
}

/** The page `name` (content/<name>.md): its first-level heading is the title, the rest its body. */
export async function readContentPage(directory: string, name: string): Promise<ContentPage | null> {
  if (!/^[a-z0-9-]+$/.test(name)) return null;
  let source: string;
  try {
    source = await readFile(join(directory, `${name}.md`), 'utf8');
  } catch {
    return null;
  }
  const heading = /^#\s+(.+)$/m.exec(source);
  const title = heading ? heading[1]!.trim() : name;
  const body = heading ? source.replace(heading[0], '') : source;
  return { title, html: markdown.render(body) };
}
