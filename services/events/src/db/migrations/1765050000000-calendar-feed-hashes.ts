import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feed secrets stored hashed (security review): each feed gets a version (a reset bumps it; the secret is
 * derived from the member's id and the version with CALENDAR_FEED_KEY) and the SHA-256 of its secret (`token_hash`,
 * filled when the member next reads their URL). The secrets stored in clear so far become hashes
 * (`legacy_token_hash`): the URLs already given keep working until the member resets their feed; nothing is kept in
 * clear.
 */
export class CalendarFeedHashes1765050000000 implements MigrationInterface {
  name = 'CalendarFeedHashes1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.calendar_feeds ADD COLUMN version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE events.calendar_feeds ADD COLUMN token_hash text`);
    await q.query(`ALTER TABLE events.calendar_feeds ADD COLUMN legacy_token_hash text`);
    await q.query(`UPDATE events.calendar_feeds SET legacy_token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')`);
    await q.query(`ALTER TABLE events.calendar_feeds DROP COLUMN token`);
    await q.query(`CREATE UNIQUE INDEX calendar_feeds_token_hash_key ON events.calendar_feeds (token_hash)`);
    await q.query(`CREATE UNIQUE INDEX calendar_feeds_legacy_token_hash_key ON events.calendar_feeds (legacy_token_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The secrets cannot come back from their hashes: every feed gets a new random one (32 URL-safe characters).
    await q.query(`ALTER TABLE events.calendar_feeds ADD COLUMN token text`);
    await q.query(`UPDATE events.calendar_feeds SET token = substr(encode(sha256((member_id::text || random()::text)::bytea), 'hex'), 1, 32)`);
    await q.query(`ALTER TABLE events.calendar_feeds ALTER COLUMN token SET NOT NULL`);
    await q.query(`ALTER TABLE events.calendar_feeds ADD CONSTRAINT calendar_feeds_token_key UNIQUE (token)`);
    await q.query(`ALTER TABLE events.calendar_feeds DROP COLUMN legacy_token_hash`);
    await q.query(`ALTER TABLE events.calendar_feeds DROP COLUMN token_hash`);
    await q.query(`ALTER TABLE events.calendar_feeds DROP COLUMN version`);
  }
}
