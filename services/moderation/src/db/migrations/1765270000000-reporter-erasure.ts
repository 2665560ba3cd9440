import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RGPD erasure in moderation (issue #20). A report whose reporter erased their account keeps its reason and case, but
 * not its free text nor who made it: `reporter_id` null and `reporter_erased_at` set (the erased marker; a null
 * reporter without it is a report of before this column). The moderation log stays append-only, with one exception:
 * an erased member's id may be taken out of an entry (the actor becomes null, the platform's own; a target member's id
 * becomes `erased:<entry id>`), nothing else of the entry may change.
 */
export class ReporterErasure1765270000000 implements MigrationInterface {
  name = 'ReporterErasure1765270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation.reports ADD COLUMN reporter_erased_at timestamptz`);
    await q.query(`ALTER TABLE moderation.reports ADD CONSTRAINT reports_erased_reporter CHECK (reporter_erased_at IS NULL OR reporter_id IS NULL)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION moderation.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND NEW.id = OLD.id AND NEW.action = OLD.action AND NEW.target_type = OLD.target_type
           AND NEW.case_id IS NOT DISTINCT FROM OLD.case_id AND NEW.decision_id IS NOT DISTINCT FROM OLD.decision_id
           AND NEW.reason IS NOT DISTINCT FROM OLD.reason AND NEW.at = OLD.at
           AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL)
           AND (NEW.target_id = OLD.target_id OR NEW.target_id = 'erased:' || OLD.id::text)
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'moderation.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION moderation.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'moderation.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`ALTER TABLE moderation.reports DROP CONSTRAINT reports_erased_reporter`);
    await q.query(`ALTER TABLE moderation.reports DROP COLUMN reporter_erased_at`);
  }
}
