import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Events1764000000000 implements MigrationInterface {
  name = 'Events1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events.event_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('POT_DU_POTE','ATELIER','FORMATION','DEBAT','MISSION','AUTRE')),
        rrule text NOT NULL,
        -- The Paris date the rule counts from (intervals, COUNT).
        starts_on date NOT NULL,
        start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
        venue_name text,
        venue_address text,
        commune_code text,
        latitude double precision,
        longitude double precision,
        online_url text,
        capacity integer CHECK (capacity IS NULL OR capacity > 0),
        themes text[] NOT NULL DEFAULT '{}',
        organizer_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE events.events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('POT_DU_POTE','ATELIER','FORMATION','DEBAT','MISSION','AUTRE')),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PENDING_REVIEW','PUBLISHED','REJECTED','CANCELLED')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        venue_name text,
        venue_address text,
        commune_code text,
        latitude double precision,
        longitude double precision,
        online_url text,
        capacity integer CHECK (capacity IS NULL OR capacity > 0),
        themes text[] NOT NULL DEFAULT '{}',
        -- Kept up to date under the event row lock by every registration change.
        confirmed_count integer NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0),
        waitlist_count integer NOT NULL DEFAULT 0 CHECK (waitlist_count >= 0),
        cancellation_reason text,
        rejection_reason text,
        series_id uuid REFERENCES events.event_series (id) ON DELETE SET NULL,
        -- The local (Europe/Paris) date the series rule gave this occurrence, even once moved.
        series_date date,
        -- An occurrence edited by hand no longer follows edits of its series.
        detached_from_series boolean NOT NULL DEFAULT false,
        organizer_id uuid,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('french', coalesce(title, '')), 'A') ||
          setweight(to_tsvector('french', coalesce(description, '')), 'B') ||
          setweight(to_tsvector('french', coalesce(venue_name, '')), 'C')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_ends_after_start CHECK (ends_at > starts_at),
        CONSTRAINT events_capacity_respected CHECK (capacity IS NULL OR confirmed_count <= capacity),
        CONSTRAINT events_one_occurrence_per_date UNIQUE (series_id, series_date)
      )`);
    // The agenda: ordered by (starts_at, id), filtered by status, kind, commune, themes, text.
    await q.query(`CREATE INDEX events_start_idx ON events.events (starts_at, id)`);
    await q.query(`CREATE INDEX events_public_start_idx ON events.events (starts_at, id) WHERE status IN ('PUBLISHED', 'CANCELLED')`);
    await q.query(`CREATE INDEX events_status_start_idx ON events.events (status, starts_at, id)`);
    await q.query(`CREATE INDEX events_commune_start_idx ON events.events (commune_code, starts_at, id) WHERE commune_code IS NOT NULL`);
    await q.query(`CREATE INDEX events_kind_start_idx ON events.events (kind, starts_at, id)`);
    await q.query(`CREATE INDEX events_themes_idx ON events.events USING gin (themes)`);
    await q.query(`CREATE INDEX events_search_idx ON events.events USING gin (search)`);
    await q.query(`CREATE INDEX events_organizer_idx ON events.events (organizer_id, starts_at)`);
    await q.query(`CREATE INDEX events_series_idx ON events.events (series_id, starts_at) WHERE series_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE events.registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events.events (id) ON DELETE CASCADE,
        member_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('CONFIRMED','WAITLISTED','CANCELLED')),
        waitlist_position integer CHECK (waitlist_position IS NULL OR waitlist_position > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT registrations_one_per_member UNIQUE (event_id, member_id),
        CONSTRAINT registrations_position_iff_waitlisted CHECK ((status = 'WAITLISTED') = (waitlist_position IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX registrations_event_status_idx ON events.registrations (event_id, status, created_at, id)`);
    await q.query(`CREATE INDEX registrations_member_idx ON events.registrations (member_id, status)`);

    await q.query(`
      CREATE TABLE events.calendar_feeds (
        member_id uuid PRIMARY KEY,
        token text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events.calendar_feeds`);
    await q.query(`DROP TABLE events.registrations`);
    await q.query(`DROP TABLE events.events`);
    await q.query(`DROP TABLE events.event_series`);
  }
}
