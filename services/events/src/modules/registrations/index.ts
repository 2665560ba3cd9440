// The registrations module's public face: what the other modules of the service may use;
// a repository's type is lent only to the services the composition root hands that repository to.
export { REGISTRATION_COLUMNS, type AttendanceStatus, type RegistrationEntity } from './registration.entity';
export type { RegistrationRepository } from './registration.repository';
export { toRegistrationModel, type RegistrationModel } from './registration.mapper';
