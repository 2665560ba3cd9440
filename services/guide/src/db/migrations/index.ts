import { Articles1764000000000 } from './1764000000000-articles';

/** Every migration of the guide schema, in order. */
export const migrations = [Articles1764000000000];
