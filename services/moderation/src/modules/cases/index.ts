// The cases module's public face: what the other modules of the service may use.
export type { ModerationOutbox } from './moderation-outbox';
