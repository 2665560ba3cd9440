import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The links whose value is a usable secret, up to that value (as the templates wrote them before this migration). */
const SECRET_LINK = `(/verifier-email\\?token=|/reinitialiser-mot-de-passe\\?token=|/rejoindre\\?invitation=|/ne-plus-me-contacter\\?token=|/unsubscribe/)[A-Za-z0-9_.%-]+`;
const MASKED = `\\1[lien masqué]`;

/**
 * No usable secret in the e-mail ledger (security review): a stored e-mail's secret links (verification, password
 * reset, invitation, digest unsubscribe) show `[lien masqué]`; the workers fill the secret in at delivery, asking
 * members for it by `link_id` (the account token or invitation the link's token is derived from; never the token).
 * The e-mails stored before keep their text with the secret masked (an unsent one with such a link is not sent: its
 * link was not derived, the member asks again; an unsent digest gets its signed link at delivery).
 */
export class EmailSecretLinks1765050000000 implements MigrationInterface {
  name = 'EmailSecretLinks1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workers.emails ADD COLUMN link_id uuid`);
    await q.query(
      `UPDATE workers.emails
       SET html = regexp_replace(html, $1, $2, 'g'),
           text = regexp_replace(text, $1, $2, 'g'),
           headers = regexp_replace(headers::text, $1, $2, 'g')::jsonb
       WHERE html ~ $1 OR text ~ $1 OR headers::text ~ $1`,
      [SECRET_LINK, MASKED],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The secrets masked by up() are gone for good.
    await q.query(`ALTER TABLE workers.emails DROP COLUMN link_id`);
  }
}
