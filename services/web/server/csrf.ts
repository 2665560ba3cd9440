import type { NextFunction, Request, Response } from 'express';
import { sendPlainPage } from './plain-page';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The site's own forms only: a request that changes something (POST, and any method but GET/HEAD/OPTIONS) must
 * come from one of `allowedOrigins`, as its Origin header says, or its Referer when a browser sent no Origin.
 * Neither, or another origin: 403 with a French page. The session cookie is SameSite=Lax already; this refuses
 * what Lax lets through (same-site subdomains, old browsers) and any form posted from elsewhere.
 */
export function sameOriginForms(allowedOrigins: (req: Request) => string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const from = requestOrigin(req);
    if (from && allowedOrigins(req).includes(from)) return next();
    sendPlainPage(
      res,
      403,
      'Formulaire refusé',
      "Ce formulaire ne vient pas du site des Métropotes : par précaution, il n'a pas été pris en compte. " +
        'Revenez sur la page du site et envoyez-le de nouveau depuis celle-ci.',
    );
  };
}

/** The origin of the page that sent the request: its Origin header, else its Referer's origin; null if neither. */
export function requestOrigin(req: Request): string | null {
  const origin = req.header('origin');
  if (origin && origin !== 'null') return origin;
  if (origin === 'null') return null;
  const referer = req.header('referer');
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}
