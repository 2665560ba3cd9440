import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event messages (`sendEventMessage`): what an event's organizer (or staff) wrote to its confirmed attendees, kept
 * for moderation (reports, HIDE), for the attendees' view of the event and for the per-event rate limit.
 */
export class EventMessages1765280000001 implements MigrationInterface {
  name = 'EventMessages1765280000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events.event_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events.events(id) ON DELETE CASCADE,
        -- null once the author erased their account
        author_id uuid,
        subject text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 150),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
        moderation_state text NOT NULL DEFAULT 'VISIBLE' CHECK (moderation_state IN ('VISIBLE','HIDDEN')),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX event_messages_event_idx ON events.event_messages (event_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX event_messages_author_idx ON events.event_messages (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events.event_messages`);
  }
}
