import { Moderation1764000000000 } from './1764000000000-moderation';
import { AuditRoleChanges1764500000000 } from './1764500000000-audit-role-changes';

/** Every migration of the moderation schema, in order. */
export const migrations = [Moderation1764000000000, AuditRoleChanges1764500000000];
