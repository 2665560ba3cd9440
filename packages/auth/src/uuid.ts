/**
 * The one UUID pattern of the platform (ids of rows, members, jobs' payloads): 8-4-4-4-12 hexadecimal digits, any
 * version (seeds and tests use ids such as `00000000-0000-0000-0000-000000000001`, which RFC-strict checks refuse).
 */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A whole string that is a UUID, in either case. */
export const UUID_RE = new RegExp(`^${UUID_PATTERN}$`, 'i');

/** Whether a value is a UUID string (`UUID_RE`). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_RE.test(value);
