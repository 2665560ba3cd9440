import { withTimeout } from '../src/timeout';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('withTimeout', () => {
  it('gives the value of a promise that settles in time', async () => {
    await expect(withTimeout(after(5, 'oui'), 1_000)).resolves.toBe('oui');
  });

  it("passes on the promise's own rejection", async () => {
    await expect(withTimeout(Promise.reject(new Error('refusé')), 1_000)).rejects.toThrow('refusé');
  });

  it('rejects once the time is up, with the default message or the one given', async () => {
    const started = Date.now();
    await expect(withTimeout(after(1_000, 'trop tard'), 50)).rejects.toThrow('no answer within 50 ms');
    expect(Date.now() - started).toBeLessThan(900);
    await expect(withTimeout(new Promise(() => undefined), 20, 'Redis did not answer')).rejects.toThrow(/^Redis did not answer$/);
  });

  it('clears its timer when the promise wins (nothing left to keep the process alive)', async () => {
    jest.useFakeTimers();
    try {
      const result = withTimeout(Promise.resolve(1), 60_000);
      await expect(result).resolves.toBe(1);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
