import { Emails1764100000000 } from './1764100000000-emails';

/** Every migration of the workers schema, in order. */
export const migrations = [Emails1764100000000];
