import type { ServiceOutbox } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';

/** The PostgreSQL schema of the moderation service, which holds its `job_outbox`. */
export const MODERATION_OUTBOX_SCHEMA = 'moderation';

/** The moderation service's outbox, built once in its composition root (`moderationSpec`): its relay is shared by requests and background. */
export type ModerationOutbox = ServiceOutbox<EntityManager>;
