// The events module's public face: what the other modules of the service may use;
// a repository's type is lent only to the services the composition root hands that repository to.
export { EVENT_COLUMNS, EVENT_KINDS, type EventEntity, type EventKind } from './event.entity';
export type { EventRepository } from './event.repository';
export { noticedFields, type NoticedFields } from './change-notice.repository';
export { toEventModel, type EventModel, type VenueModel } from './event.mapper';
export { NOT_FOUND_EVENT, type EventService, type UpdateEventInput } from './event.service';
export type { EventsOutbox } from './event-outbox';
export type { EditReview, ReviewedEdit } from './event-review';
export { checkEventFields, cleanCapacity, cleanDescription, cleanOnlineUrl, cleanTitle, cleanVenue, type VenueInput } from './event.validation';
export { DEFAULT_EVENT_REMINDER_OFFSETS } from './reminder-offsets';
