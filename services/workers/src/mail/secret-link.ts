import { UnsubscribeTokens } from '@metropotes/auth';
import { fillSecretLinks } from '@metropotes/mail';
import type { SystemGateway } from '../gateway/system-gateway';
import { graphql } from '../generated/gateway';

/** The templates whose links carry a single-use token of members', by the kind of row it is derived from. */
const MEMBERS_SECRET_OF: Readonly<Record<string, 'VERIFY_EMAIL' | 'PASSWORD_RESET' | 'PROSPECT_INVITATION'>> = {
  'verify-email': 'VERIFY_EMAIL',
  'password-reset': 'PASSWORD_RESET',
  'prospect-invitation': 'PROSPECT_INVITATION',
};

/** The templates written with a secret link: `email.requested` refuses such an e-mail without the id of its link's row. */
export const needsLinkId = (template: string): boolean => Object.hasOwn(MEMBERS_SECRET_OF, template);

const MAIL_SECRET = graphql(`
  query WorkerMailSecret($kind: MailSecretKind!, $id: ID!) {
    systemMailSecret(kind: $kind, id: $id)
  }
`);

/** The secret of an e-mail's links; `none` when it has none; `{ withheld }` when it must not be sent (why, in plain words). */
export type LinkSecret = { secret: string } | { none: true } | { withheld: string };

/**
 * Where the secrets of e-mail links come from at delivery, and only then: members gives the token of a verification,
 * reset or invitation link (`systemMailSecret`, system only, by the id stored with the e-mail; null once the link is
 * used, expired or replaced), the workers sign the digest's unsubscribe link themselves (SYSTEM_PRIVATE_KEY). A retry
 * gets the same secret. The secret goes into the outgoing message only (`outgoingWithSecret`): never into the row, a
 * log line or Redis.
 */
export class LinkSecrets {
  private readonly unsubscribe: UnsubscribeTokens;

  constructor(
    private readonly gateway: SystemGateway,
    systemPrivateKey: string,
  ) {
    this.unsubscribe = new UnsubscribeTokens(systemPrivateKey);
  }

  /** Throws GatewayCallError when members cannot answer (the delivery is retried). */
  async of(row: { template: string; memberId: string | null; linkId: string | null }): Promise<LinkSecret> {
    if (row.template === 'digest') return row.memberId ? { secret: this.unsubscribe.tokenFor(row.memberId) } : { none: true };
    // A group message's unsubscribe link stops that group's messages: signed for the member and the group (`link_id`).
    if (row.template === 'group-message') {
      return row.memberId && row.linkId
        ? { secret: this.unsubscribe.groupTokenFor(row.memberId, row.linkId) }
        : { withheld: 'group message written without its group' };
    }
    const kind = MEMBERS_SECRET_OF[row.template];
    if (!kind) return { none: true };
    if (!row.linkId) return { withheld: 'link written without the id of its token (before secrets were derived): a new link must be asked for' };
    const data = await this.gateway.call(MAIL_SECRET, { kind, id: row.linkId });
    return data.systemMailSecret
      ? { secret: data.systemMailSecret }
      : { withheld: 'link no longer valid (used, expired or replaced by a newer one)' };
  }
}

/** What is handed to the SMTP server: the stored e-mail with the secret filled into its links (text, HTML, headers). */
export function withSecret<T extends { html: string; text: string; headers: Record<string, string> }>(message: T, secret: string | null): T {
  if (secret === null) return message;
  return {
    ...message,
    html: fillSecretLinks(message.html, secret, 'html'),
    text: fillSecretLinks(message.text, secret, 'text'),
    headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, fillSecretLinks(value, secret, 'text')])),
  };
}
