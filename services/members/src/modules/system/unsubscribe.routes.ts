import type { ServiceDeps } from '@metropotes/graphql-kit';
import escape from 'escape-html';
import type { Express, Request, Response } from 'express';
import { isGroupUnsubscribeToken, memberOfUnsubscribeToken, membershipOfGroupUnsubscribeToken, systemPublicKeyObject } from '@metropotes/auth';

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(title)} – Les Métropotes</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:40px auto;padding:0 16px;color:#222;line-height:1.5;">
<h1 style="color:#c2185b;font-size:24px;">${escape(title)}</h1>
${body}
</body>
</html>
`;
}

const send = (res: Response, status: number, html: string) => {
  res.status(status).setHeader('cache-control', 'no-store');
  res.type('text/html; charset=utf-8').send(html);
};

const INVALID = page(
  "Ce lien n'est pas valide",
  "<p>Ce lien de désabonnement n'est pas valide : il a peut-être été coupé en deux par votre messagerie. Vous pouvez aussi changer la fréquence de la veille dans vos préférences de notification, sur la plateforme.</p>",
);

const BUTTON_STYLE = 'background:#c2185b;color:#fff;border:0;border-radius:6px;padding:12px 24px;font-size:16px;cursor:pointer;';

const INVALID_GROUP = page(
  "Ce lien n'est pas valide",
  "<p>Ce lien de désabonnement n'est pas valide : il a peut-être été coupé en deux par votre messagerie. Vous pouvez aussi arrêter les messages d'un groupe depuis sa page, sur la plateforme.</p>",
);

/**
 * `/unsubscribe/<token>` (forwarded by the gateway), the link of the digest's List-Unsubscribe header, and of a
 * group message's (`g.<group>.<member>.<signature>`: stops that group's messages only, the member stays in the group):
 * GET shows a French confirmation page and changes nothing (mail scanners follow links); POST (one click, RFC 8058,
 * or the page's button) sets the digest frequency to NONE at once, with no sign-in and no redirect.
 */
export function unsubscribeRoutes(systemPublicKeyPem: string | undefined) {
  return (app: Express, deps: ServiceDeps) => {
    const key = systemPublicKeyPem ? systemPublicKeyObject(systemPublicKeyPem) : null;
    const memberOf = (req: Request) => (key ? memberOfUnsubscribeToken(String(req.params.token ?? ''), key) : null);

    const membershipOf = (req: Request) => (key ? membershipOfGroupUnsubscribeToken(String(req.params.token ?? ''), key) : null);
    const isGroup = (req: Request) => isGroupUnsubscribeToken(String(req.params.token ?? ''));
    const groupName = async (groupId: string): Promise<string | null> => {
      const rows: { name: string }[] = await deps.dataSource.query(`SELECT name FROM members.groups WHERE id = $1`, [groupId]);
      return rows[0]?.name ?? null;
    };
    const failed = (error: unknown) => {
      deps.logger.error({ err: error }, 'unsubscribe failed');
      return page('Un problème est survenu', "<p>Votre désabonnement n'a pas pu être enregistré. Réessayez dans un instant.</p>");
    };

    app.get('/unsubscribe/:token', async (req: Request, res: Response) => {
      if (isGroup(req)) {
        const membership = membershipOf(req);
        if (!membership) return send(res, 400, INVALID_GROUP);
        let name: string | null;
        try {
          name = await groupName(membership.groupId);
        } catch (error) {
          return send(res, 503, failed(error));
        }
        if (name === null) return send(res, 400, INVALID_GROUP);
        const action = `/unsubscribe/${encodeURIComponent(String(req.params.token))}`;
        return send(
          res,
          200,
          page(
            'Ne plus recevoir les messages de ce groupe',
            `<p>Vous ne recevrez plus par e-mail les messages du groupe « ${escape(name)} ». Vous en restez membre, et les autres e-mails des Métropotes continueront d'arriver.</p>
<form method="post" action="${escape(action)}"><button type="submit" style="${BUTTON_STYLE}">Ne plus recevoir ses messages</button></form>
<p style="color:#555;font-size:14px;">Vous pourrez les recevoir de nouveau depuis la page du groupe.</p>`,
          ),
        );
      }
      if (!memberOf(req)) return send(res, 400, INVALID);
      const action = `/unsubscribe/${encodeURIComponent(String(req.params.token))}`;
      send(
        res,
        200,
        page(
          'Se désabonner de la veille',
          `<p>Vous ne recevrez plus la lettre de veille des Métropotes (les initiatives, événements et fiches près de chez vous). Les e-mails liés à votre compte et à vos inscriptions continueront d'arriver.</p>
<form method="post" action="${escape(action)}"><button type="submit" style="background:#c2185b;color:#fff;border:0;border-radius:6px;padding:12px 24px;font-size:16px;cursor:pointer;">Me désabonner</button></form>
<p style="color:#555;font-size:14px;">Vous pourrez la réactiver à tout moment dans vos préférences de notification.</p>`,
        ),
      );
    });

    app.post('/unsubscribe/:token', async (req: Request, res: Response) => {
      if (isGroup(req)) {
        const membership = membershipOf(req);
        if (!membership) return send(res, 400, INVALID_GROUP);
        let name: string | null;
        try {
          name = await groupName(membership.groupId);
          // Idempotent; a member who left the group has nothing left to stop.
          await deps.dataSource.query(`UPDATE members.group_memberships SET receives_messages = false WHERE group_id = $1 AND member_id = $2`, [
            membership.groupId,
            membership.memberId,
          ]);
        } catch (error) {
          return send(res, 503, failed(error));
        }
        return send(
          res,
          200,
          page(
            'Vous ne recevrez plus ces messages',
            `<p>Vous ne recevrez plus par e-mail les messages du groupe${name ? ` « ${escape(name)} »` : ''}. Vous en restez membre ; vous pourrez les recevoir de nouveau depuis la page du groupe.</p>`,
          ),
        );
      }
      const memberId = memberOf(req);
      if (!memberId) return send(res, 400, INVALID);
      try {
        await deps.dataSource.query(
          `UPDATE members.members SET digest_frequency = 'NONE', updated_at = $2 WHERE id = $1 AND digest_frequency <> 'NONE'`,
          [memberId, deps.clock.now()],
        );
      } catch (error) {
        deps.logger.error({ err: error }, 'unsubscribe failed');
        return send(res, 503, page('Un problème est survenu', "<p>Votre désabonnement n'a pas pu être enregistré. Réessayez dans un instant.</p>"));
      }
      send(
        res,
        200,
        page(
          'Vous êtes désabonné·e',
          '<p>Vous ne recevrez plus la lettre de veille des Métropotes. Vous pourrez la réactiver à tout moment dans vos préférences de notification.</p>',
        ),
      );
    });
  };
}
