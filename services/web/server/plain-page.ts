import escapeHtml from 'escape-html';
import type { Response } from 'express';

/** Answers with a plain page; its only style is inline, allowed by its own Content-Security-Policy. */
export function sendPlainPage(res: Response, status: number, title: string, text: string): void {
  res
    .status(status)
    .setHeader(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    )
    .type('html')
    .send(plainPage(title, text));
}

/**
 * A small French HTML page the Express layer answers by itself (a refused form, a server error outside React):
 * readable without the site's styles, in the site's colours.
 */
export function plainPage(title: string, text: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Les Métropotes</title>
<style>body{font:1.125rem/1.6 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:2rem 1rem;color:#2b2118;background:#fffaf3}a{color:#8a3a12}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
<p><a href="/">Revenir à l'accueil des Métropotes</a></p>
</main>
</body>
</html>`;
}
