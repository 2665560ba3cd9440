import { Moderation1764000000000 } from './1764000000000-moderation';

/** Every migration of the moderation schema, in order. */
export const migrations = [Moderation1764000000000];
