import type { Clock } from '@metropotes/config';
import type { DataSource } from 'typeorm';
import { rowsOf } from '@metropotes/database';
import { EVENT_COLUMNS, type EventEntity, type EventKind } from '../events';

const FEED_LIMIT = 1000;

/**
 * The feeds' SQL. Their windows start from the clock's now (never the database's); feeds record the clock's time.
 * A member's feed secret is stored as its SHA-256 only (`token_hash`; `legacy_token_hash`: a secret stored in clear
 * before, hashed by a migration, valid until the member resets their feed).
 */
export class CalendarRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Published and cancelled events from a month ago on, optionally in some communes or of some kinds. */
  publicEvents(communeCodes: string[] | null, kinds: EventKind[] | null): Promise<EventEntity[]> {
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events.events e
       WHERE e.status IN ('PUBLISHED', 'CANCELLED') AND e.moderation_state = 'VISIBLE' AND e.ends_at > $3::timestamptz - interval '30 days'
         AND ($1::text[] IS NULL OR e.commune_code = ANY($1::text[]))
         AND ($2::text[] IS NULL OR e.kind = ANY($2::text[]))
       ORDER BY e.starts_at, e.id LIMIT ${FEED_LIMIT}`,
      [communeCodes, kinds, this.clock.now()],
    );
  }

  /** The events a member is registered to (confirmed or waitlisted), from three months ago on. */
  memberEvents(memberId: string): Promise<EventEntity[]> {
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events.events e
       JOIN events.registrations r ON r.event_id = e.id
       WHERE r.member_id = $1 AND r.status <> 'CANCELLED' AND e.status IN ('PUBLISHED', 'CANCELLED') AND e.moderation_state = 'VISIBLE'
         AND e.ends_at > $2::timestamptz - interval '90 days'
       ORDER BY e.starts_at, e.id LIMIT ${FEED_LIMIT}`,
      [memberId, this.clock.now()],
    );
  }

  /** The member whose feed secret has this hash (the current one, or one stored in clear before hashing), or null. */
  async memberOfSecretHash(hash: string): Promise<string | null> {
    const rows: { memberId: string }[] = await this.dataSource.query(
      `SELECT member_id AS "memberId" FROM events.calendar_feeds WHERE token_hash = $1 OR legacy_token_hash = $1`,
      [hash],
    );
    return rows[0]?.memberId ?? null;
  }

  /** The member's feed (version and stored hash), created at version 0 with `firstHash` on first use. */
  async feedOf(memberId: string, firstHash: string): Promise<{ version: number; tokenHash: string | null }> {
    const rows: { version: number; tokenHash: string | null }[] = await this.dataSource.query(
      `WITH inserted AS (
         INSERT INTO events.calendar_feeds (member_id, version, token_hash, created_at) VALUES ($1, 0, $2, $3::timestamptz)
         ON CONFLICT (member_id) DO NOTHING RETURNING version, token_hash
       )
       SELECT version, token_hash AS "tokenHash" FROM inserted
       UNION ALL SELECT version, token_hash FROM events.calendar_feeds WHERE member_id = $1 LIMIT 1`,
      [memberId, firstHash, this.clock.now()],
    );
    return rows[0]!;
  }

  /** Stores the hash of the feed's secret at `version` (unless a reset moved the version on meanwhile). */
  async setHash(memberId: string, version: number, hash: string): Promise<void> {
    await this.dataSource.query(`UPDATE events.calendar_feeds SET token_hash = $3 WHERE member_id = $1 AND version = $2`, [memberId, version, hash]);
  }

  /**
   * The feed's next version with the hash of its secret (`hashOf(version)`); the previous secret, and a secret stored
   * in clear before hashing, stop working. The row is locked meanwhile: two resets at once give two versions.
   */
  async nextVersion(memberId: string, hashOf: (version: number) => string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = rowsOf<{ version: number }>(
        await manager.query(`SELECT version FROM events.calendar_feeds WHERE member_id = $1 FOR UPDATE`, [memberId]),
      );
      const version = (current[0]?.version ?? 0) + 1;
      await manager.query(
        `INSERT INTO events.calendar_feeds (member_id, version, token_hash, legacy_token_hash, created_at) VALUES ($1, $2, $3, NULL, $4::timestamptz)
         ON CONFLICT (member_id) DO UPDATE SET version = EXCLUDED.version, token_hash = EXCLUDED.token_hash, legacy_token_hash = NULL, created_at = EXCLUDED.created_at`,
        [memberId, version, hashOf(version), this.clock.now()],
      );
    });
  }
}
