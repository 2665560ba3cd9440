/**
 * Refresh tokens are single-use (members revokes the whole family when one is used twice). Two requests of the same
 * browser arriving together with an access token about to expire would each refresh it, and the second would close
 * the session. One refresh per refresh token per process: the others wait for it and share its answer for a short
 * while. One instance per server (created with the app), never module state.
 */
export interface RefreshCoalescer {
  run<T>(refreshToken: string, refresh: () => Promise<T>): Promise<T>;
}

const KEEP_MS = 30_000;

export function createRefreshCoalescer(): RefreshCoalescer {
  const inFlight = new Map<string, { promise: Promise<unknown>; timer?: ReturnType<typeof setTimeout> }>();
  return {
    run<T>(refreshToken: string, refresh: () => Promise<T>): Promise<T> {
      const existing = inFlight.get(refreshToken);
      if (existing) return existing.promise as Promise<T>;
      const entry: { promise: Promise<unknown>; timer?: ReturnType<typeof setTimeout> } = { promise: refresh() };
      inFlight.set(refreshToken, entry);
      const forget = () => {
        entry.timer = setTimeout(() => inFlight.delete(refreshToken), KEEP_MS);
        entry.timer.unref();
      };
      entry.promise.then(forget, forget);
      return entry.promise as Promise<T>;
    },
  };
}
