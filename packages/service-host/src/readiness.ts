import { withTimeout } from '@metropotes/config';

/** Runs the named checks (2 s each at most): ready when every one answers; each says `ok` or why it is down. */
export async function readinessReport(checks: Record<string, () => Promise<void>>) {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), 2000);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, `down: ${(error as Error).message}`] as const;
      }
    }),
  );
  const report = Object.fromEntries(entries);
  return { ready: entries.every(([, s]) => s === 'ok'), checks: report };
}
