import { memberIdOf, type Viewer } from '@metropotes/auth';
import { requireMember } from '@metropotes/graphql-kit';
import { randomBytes } from 'node:crypto';
import type { CalendarRepository } from './calendar.repository';

export const FEED_TOKEN_RE = /^[A-Za-z0-9_-]{32}$/;
const newToken = () => randomBytes(24).toString('base64url');

/** A member's private calendar feed: a secret URL, which the member may renew. */
export class CalendarService {
  constructor(
    private readonly repository: CalendarRepository,
    private readonly viewer: Viewer,
    private readonly publicUrl: string,
  ) {}

  private urlOf(token: string): string {
    return `${this.publicUrl.replace(/\/+$/, '')}/calendar/${token}.ics`;
  }

  /** Only the member sees their own feed URL. */
  async feedUrl(memberId: string): Promise<string | null> {
    if (memberIdOf(this.viewer) !== memberId) return null;
    return this.urlOf(await this.repository.tokenOf(memberId, newToken()));
  }

  /** A new secret: the previous URL stops working. */
  async reset(): Promise<{ __typename: 'Member'; id: string }> {
    const memberId = requireMember(this.viewer);
    await this.repository.resetToken(memberId, newToken());
    return { __typename: 'Member', id: memberId };
  }
}
