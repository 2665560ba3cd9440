import { Accounts1764000000000 } from './1764000000000-accounts';

/** Every migration of the members schema, in order. */
export const migrations = [Accounts1764000000000];
