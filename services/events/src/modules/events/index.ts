// The events module's public face: what the other modules of the service may use;
// a repository's type is lent only to the services the composition root hands that repository to.
export { EVENT_COLUMNS, EVENT_KINDS, type EventEntity, type EventKind } from './event.entity';
export type { EventRepository } from './event.repository';
export { noticedFields, type NoticedFields } from './change-notice.repository';
