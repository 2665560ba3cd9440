import type { EntityManager } from 'typeorm';

/** A data source or a transaction's manager: anything that runs SQL. */
export type Queryable = Pick<EntityManager, 'query'>;

/** TypeORM answers UPDATE and DELETE with `[rows, affected]`, anything else with `rows`: this gives the rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** Serialises, until the end of the transaction, everything done under the same key (an advisory lock). */
export async function lockKey(q: Queryable, key: string): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
}
