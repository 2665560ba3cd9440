/**
 * The path as logged: without the secrets the gateway's routes carry in theirs (a member's calendar feed, a digest's
 * unsubscribe link), as the gateway logs them. Query strings (the e-mail links' tokens) are never logged.
 */
export { loggablePath } from '@metropotes/telemetry';
