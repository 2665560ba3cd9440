import type { MigrationInterface, QueryRunner } from 'typeorm';

const CONTENT_TYPES = `('MEMBER','EVENT','GUIDE_ARTICLE','WATCH_ITEM','GROUP')`;
const ACTIONS = `('DISMISS','HIDE','RESTORE','WARN','SUSPEND','BAN')`;

export class Moderation1764000000000 implements MigrationInterface {
  name = 'Moderation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // A case gathers the reports on one target; at most one OPEN case per target.
    await q.query(`
      CREATE TABLE moderation.cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_type text NOT NULL CHECK (target_type IN ${CONTENT_TYPES}),
        target_id text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','RESOLVED')),
        -- Reports on the case (one per member): kept here for the queue's order.
        report_count integer NOT NULL DEFAULT 0 CHECK (report_count >= 0),
        assignee_id uuid,
        opened_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        resolved_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX cases_one_open_per_target ON moderation.cases (target_type, target_id) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX cases_target_idx ON moderation.cases (target_type, target_id)`);
    await q.query(`
      CREATE INDEX cases_queue_idx ON moderation.cases
        ((CASE WHEN status = 'OPEN' THEN 0 ELSE 1 END), (-report_count), opened_at, id)`);

    await q.query(`
      CREATE TABLE moderation.reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reporter_id uuid,
        case_id uuid REFERENCES moderation.cases (id),
        target_type text NOT NULL CHECK (target_type IN ${CONTENT_TYPES}),
        target_id text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('SPAM','HARASSMENT','HATE','MISINFORMATION','PERSONAL_DATA','OFF_TOPIC','OTHER')),
        details text CHECK (details IS NULL OR char_length(details) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One report per member per case: while a target's case is open, a second report updates the first.
    await q.query(`CREATE UNIQUE INDEX reports_one_per_member_per_case ON moderation.reports (reporter_id, case_id)`);
    await q.query(`CREATE INDEX reports_case_idx ON moderation.reports (case_id)`);
    await q.query(`CREATE INDEX reports_reporter_idx ON moderation.reports (reporter_id, created_at DESC)`);
    await q.query(`CREATE INDEX reports_target_idx ON moderation.reports (target_type, target_id)`);

    // Every accepted report submission (new or updated), for the per-member rate limit.
    await q.query(`
      CREATE TABLE moderation.report_submissions (
        id bigserial PRIMARY KEY,
        member_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX report_submissions_member_at_idx ON moderation.report_submissions (member_id, at)`);

    await q.query(`
      CREATE TABLE moderation.decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES moderation.cases (id),
        target_type text NOT NULL CHECK (target_type IN ${CONTENT_TYPES}),
        target_id text NOT NULL,
        action text NOT NULL CHECK (action IN ${ACTIONS}),
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
        -- null: recorded automatically (threshold of reports reached).
        moderator_id uuid,
        automatic boolean NOT NULL DEFAULT false,
        suspended_until timestamptz,
        -- Whether the owning service must apply it (through the outbox and a job).
        requires_application boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        applied_at timestamptz,
        CHECK ((action = 'SUSPEND') = (suspended_until IS NOT NULL)),
        CHECK (applied_at IS NULL OR requires_application)
      )`);
    await q.query(`CREATE INDEX decisions_case_idx ON moderation.decisions (case_id, created_at)`);
    await q.query(`CREATE INDEX decisions_target_idx ON moderation.decisions (target_type, target_id, created_at DESC)`);

    // The durable record of what other services must apply: written with the decision, then enqueued.
    await q.query(`
      CREATE TABLE moderation.outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL UNIQUE REFERENCES moderation.decisions (id),
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        job_id text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON moderation.outbox (created_at) WHERE enqueued_at IS NULL`);

    // Append-only: the database itself refuses to change or remove an entry.
    await q.query(`
      CREATE TABLE moderation.audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- null: the platform itself (automatic decision, decision applied by the workers).
        actor_id uuid,
        action text NOT NULL,
        target_type text NOT NULL CHECK (target_type IN ${CONTENT_TYPES}),
        target_id text NOT NULL,
        case_id uuid,
        decision_id uuid,
        reason text,
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON moderation.audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON moderation.audit_log (actor_id, at DESC)`);
    await q.query(`CREATE INDEX audit_log_target_idx ON moderation.audit_log (target_type, target_id, at DESC)`);
    await q.query(`
      CREATE FUNCTION moderation.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'moderation.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON moderation.audit_log
        FOR EACH ROW EXECUTE FUNCTION moderation.audit_log_is_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON moderation.audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION moderation.audit_log_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE moderation.audit_log`);
    await q.query(`DROP FUNCTION moderation.audit_log_is_append_only()`);
    await q.query(`DROP TABLE moderation.outbox`);
    await q.query(`DROP TABLE moderation.decisions`);
    await q.query(`DROP TABLE moderation.report_submissions`);
    await q.query(`DROP TABLE moderation.reports`);
    await q.query(`DROP TABLE moderation.cases`);
  }
}
