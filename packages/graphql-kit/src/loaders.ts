import DataLoader from 'dataloader';

/**
 * A per-request loader that fetches many rows in one query and hands each key its row (or null).
 * `fetch` receives distinct keys and must return the rows found, in any order.
 */
export function rowLoader<K extends string | number, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, R>();
    for (const row of rows) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Like rowLoader, for one-to-many: each key gets the list of its rows. */
export function groupLoader<K extends string | number, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, R[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** Ids are opaque to clients: anything that is not one of ours simply finds nothing (the pattern is @metropotes/auth's). */
export { UUID_RE, isUuid } from '@metropotes/auth';
