import { Reports1764000000000 } from './1764000000000-reports';

/** Every migration of the moderation schema, in order. */
export const migrations = [Reports1764000000000];
