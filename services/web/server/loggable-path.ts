/**
 * The path as logged: without the secrets the gateway's routes carry in theirs (a member's calendar feed, a digest's
 * unsubscribe link), as the gateway logs them (graphql-kit's loggablePath). Query strings (the e-mail links' tokens)
 * are never logged.
 */
export function loggablePath(path: string): string {
  return path.replace(/^\/calendar\/[^/]+\.ics$/, '/calendar/[masqué].ics').replace(/^\/unsubscribe\/.+$/, '/unsubscribe/[masqué]');
}
