import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Role changes in the moderation log (`recordRoleChange`, from the workers' 'audit.role-changed' job): one entry
 * per member and instant of the change, so a job run twice records it once.
 */
export class AuditRoleChanges1764500000000 implements MigrationInterface {
  name = 'AuditRoleChanges1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX audit_log_role_change_once ON moderation.audit_log (target_id, at) WHERE action = 'ROLE_CHANGED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX moderation.audit_log_role_change_once`);
  }
}
