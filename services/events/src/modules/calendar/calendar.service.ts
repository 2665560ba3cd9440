import { memberIdOf, type Viewer } from '@metropotes/auth';
import { requireMember } from '@metropotes/graphql-kit';
import { hashFeedSecret, type CalendarFeedSecrets } from './calendar-feed-secrets';
import type { CalendarRepository } from './calendar.repository';

/**
 * A member's private calendar feed: a secret URL, which the member may renew. The secret is derived from the member's
 * id and the feed's version (`CalendarFeedSecrets`), only its hash is stored; a reset bumps the version.
 */
export class CalendarService {
  constructor(
    private readonly repository: CalendarRepository,
    private readonly viewer: Viewer,
    private readonly publicUrl: string,
    private readonly secrets: CalendarFeedSecrets,
  ) {}

  private urlOf(secret: string): string {
    return `${this.publicUrl.replace(/\/+$/, '')}/calendar/${secret}.ics`;
  }

  /**
   * Only the member sees their own feed URL. The feed is created on first use (version 0); the stored hash is brought
   * in step with the URL shown (a feed migrated from a secret stored in clear, or a new CALENDAR_FEED_KEY).
   */
  async feedUrl(memberId: string): Promise<string | null> {
    if (memberIdOf(this.viewer) !== memberId) return null;
    const feed = await this.repository.feedOf(memberId, hashFeedSecret(this.secrets.secretOf(memberId, 0)));
    const secret = this.secrets.secretOf(memberId, feed.version);
    const hash = hashFeedSecret(secret);
    if (feed.tokenHash !== hash) await this.repository.setHash(memberId, feed.version, hash);
    return this.urlOf(secret);
  }

  /** A new secret: the previous URL (and one stored in clear before hashing, if any) stops working. */
  async reset(): Promise<{ __typename: 'Member'; id: string }> {
    const memberId = requireMember(this.viewer);
    await this.repository.nextVersion(memberId, (version) => hashFeedSecret(this.secrets.secretOf(memberId, version)));
    return { __typename: 'Member', id: memberId };
  }
}
