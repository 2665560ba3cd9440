import type { Clock } from '@metropotes/config';
import type { GatewayClient } from '@metropotes/graphql-kit';
import { graphql } from '../../generated/gateway';

const REPORTER_STANDING = graphql(`
  query ReporterStanding {
    me {
      emailVerified
      joinedAt
    }
  }
`);

const DAY_MS = 86_400_000;

/**
 * Whether a reporter counts towards the automatic hiding: their e-mail address is verified and their account is older
 * than `trustedDays` by the platform's clock. Asked through the gateway with the reporter's own token (`me`): members
 * owns both facts, and tells them to the member themselves; moderation never reads its tables, and holds no system
 * key to ask as the platform. Token claims were not used: the verification changes during a token's life.
 */
export class ReporterStanding {
  constructor(
    private readonly gateway: GatewayClient,
    private readonly clock: Clock,
    private readonly trustedDays: number,
  ) {}

  async isTrusted(): Promise<boolean> {
    const data = await this.gateway.query(REPORTER_STANDING, {});
    if (!data.me?.emailVerified) return false;
    const joinedAt = new Date(data.me.joinedAt).getTime();
    if (Number.isNaN(joinedAt)) return false;
    return joinedAt <= this.clock.now().getTime() - this.trustedDays * DAY_MS;
  }
}
