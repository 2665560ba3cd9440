/** The PostgreSQL schema of the members service, which holds its `job_outbox` (see @metropotes/jobs' outbox). */
export const MEMBERS_OUTBOX_SCHEMA = 'members';
