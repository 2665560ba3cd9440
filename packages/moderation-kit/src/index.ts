/**
 * Moderation's domain logic shared by the services it touches: the decisions a service applied to the content it
 * owns (its `moderation_applications` table), how members, events and the guide apply a decision (idempotent per
 * decision), and the moderation SDL those subgraphs and moderation declare identically.
 */
export * from './moderation-applications.repository';
export * from './apply-moderation-decision';
export * from './moderation-schema';
