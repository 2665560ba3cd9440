/**
 * `promise`, or a rejection with `message` (by default "no answer within <ms> ms") once `ms` pass without it
 * settling. The timer is cleared either way; the work behind `promise` is not cancelled.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message = `no answer within ${ms} ms`): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
