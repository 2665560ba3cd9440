import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

const RECORD_ROLE_CHANGE = graphql(`
  mutation WorkerRecordRoleChange($input: RecordRoleChangeInput!) {
    recordRoleChange(input: $input) {
      id
    }
  }
`);

/**
 * `audit.role-changed`: an admin changed a member's role in members; the change goes into the moderation log
 * (`recordRoleChange`, system only, through the gateway). Idempotent there (one entry per member and `changedAt`):
 * a failure throws and BullMQ runs the job again.
 */
export function auditRoleChangedJob(rt: WorkersRuntime): JobHandler<'audit.role-changed'> {
  return async ({ memberId, actorId, previousRole, role, changedAt }, ctx) => {
    const { recordRoleChange } = await rt.gateway.call(RECORD_ROLE_CHANGE, {
      input: { memberId, actorId, previousRole, role, changedAt },
    });
    ctx.log.info({ memberId, auditEntryId: recordRoleChange.id }, 'role change recorded in the moderation log');
  };
}
