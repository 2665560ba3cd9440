/**
 * The digest catalogues a workers process has read, by run (period and `now`): the batches of one run read their
 * catalogue once per process. Held by the workers runtime (`WorkersRuntime.digestCatalogues`, built once with it);
 * entries older than `ttlMs` are dropped, and a failed read is not kept (the retry reads again).
 */
export class DigestCatalogueCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(private readonly ttlMs = 10 * 60_000) {}

  /** The value cached under `key`, or `read()`'s, cached. */
  get(key: string, read: () => Promise<T>): Promise<T> {
    for (const [k, entry] of this.entries) if (Date.now() - entry.at > this.ttlMs) this.entries.delete(k);
    const cached = this.entries.get(key);
    if (cached) return cached.value;
    const value = read();
    this.entries.set(key, { at: Date.now(), value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
