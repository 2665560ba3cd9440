import { SESSION_VERSION_TTL_SECONDS, sessionVersionKey } from '@metropotes/auth';
import { withTimeout } from '@metropotes/config';
import { rowsOf } from '@metropotes/database';
import { GraphQLError } from 'graphql';
import type { JobQueues } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';

/** Sets the key to the new version unless it already holds a greater one (out-of-order writes), and (re)arms its TTL. */
const PUBLISH_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local version = tonumber(ARGV[1])
if version > current then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return version
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return current`;

const UNAVAILABLE = "La modification n'a pas pu être enregistrée pour l'instant : rien n'a changé. Réessayez dans un instant.";

const PUBLISH_TIMEOUT_MS = 2000;

interface RedisEval {
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * Per-member session versions. Postgres (`members.session_version`) holds the truth and stamps new access tokens
 * (`sv`); when it goes up, the new version is written to Redis (`sessionVersionKey`, for the access tokens' lifetime
 * plus a minute) so that the gateway refuses the member's older tokens at once instead of when they expire.
 *
 * `bump` runs inside the caller's transaction, before commit: if Redis refuses, the change fails with it (a
 * moderation job is retried by the workers, a person gets `SERVICE_UNAVAILABLE` with a French message and can try again).
 * Uses the Redis connection and key prefix of the service's job queues (REDIS_URL, REDIS_PREFIX).
 */
export class SessionVersions {
  constructor(private readonly jobs: JobQueues) {}

  /** Increments the member's version (row locked until commit) and publishes it; the new version (null: no such member). */
  async bump(manager: EntityManager, memberId: string): Promise<number | null> {
    const rows = rowsOf<{ session_version: number }>(
      await manager.query(`UPDATE members.members SET session_version = session_version + 1 WHERE id = $1 RETURNING session_version`, [memberId]),
    );
    const version = rows[0]?.session_version;
    if (version === undefined) return null;
    await this.publish(memberId, version);
    return version;
  }

  private async publish(memberId: string, version: number): Promise<void> {
    const publish = async () => {
      const queue = this.jobs.queue('fanout');
      // BullMQ's client of this queue: the job queues' own ioredis connection (closed with them). It waits for
      // Redis to be ready when the queue is new, hence the time limit.
      const redis = (await queue.client) as unknown as RedisEval;
      await redis.eval(PUBLISH_SCRIPT, 1, sessionVersionKey(queue.opts.prefix ?? 'bull', memberId), version, SESSION_VERSION_TTL_SECONDS);
    };
    try {
      await withTimeout(publish(), PUBLISH_TIMEOUT_MS, `Redis did not answer within ${PUBLISH_TIMEOUT_MS} ms`);
    } catch (error) {
      // The caller's transaction rolls back: nothing changed.
      throw new GraphQLError(UNAVAILABLE, { extensions: { code: 'SERVICE_UNAVAILABLE' }, originalError: error as Error });
    }
  }
}
