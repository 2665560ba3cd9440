import { Events1764000000000 } from './1764000000000-events';

/** Every migration of the events schema, in order. */
export const migrations = [Events1764000000000];
