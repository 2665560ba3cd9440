// The audit module's public face: what the other modules of the service may use;
// a repository's type is lent only to the services the composition root hands that repository to.
export type { AuditRepository } from './audit.repository';
