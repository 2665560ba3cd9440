// The attendance module's public face: what the other modules of the service may use;
// a repository's type is lent only to the services the composition root hands that repository to.
export type { AttendanceRepository } from './attendance.repository';
export { CHECK_IN_ALPHABET } from './check-in-code';
