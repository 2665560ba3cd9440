import { Gauge, type Registry } from 'prom-client';

/** What node-postgres' Pool tells about its connections. */
export interface PoolState {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * The database pool's use, read at scrape time: `metropotes_db_pool_connections` (by state: total, idle, in use) and
 * `metropotes_db_pool_waiting` (queries waiting for a connection), `metropotes_db_pool_max`. `pool` gives the pool of
 * the moment (undefined before the data source is open).
 */
export function poolMetrics(registry: Registry, pool: () => PoolState | undefined, max: number): void {
  new Gauge({
    name: 'metropotes_db_pool_connections',
    help: 'Connections of the database pool, by state (total, idle, in_use)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const state = pool();
      if (!state) return;
      this.set({ state: 'total' }, state.totalCount);
      this.set({ state: 'idle' }, state.idleCount);
      this.set({ state: 'in_use' }, state.totalCount - state.idleCount);
    },
  });
  new Gauge({
    name: 'metropotes_db_pool_waiting',
    help: 'Queries waiting for a connection of the database pool',
    registers: [registry],
    collect() {
      this.set(pool()?.waitingCount ?? 0);
    },
  });
  new Gauge({ name: 'metropotes_db_pool_max', help: 'Size of the database pool', registers: [registry] }).set(max);
}

/** The pg Pool of a TypeORM data source on PostgreSQL (its driver's `master`). */
export function typeormPool(dataSource: { driver: unknown }): PoolState | undefined {
  return (dataSource.driver as { master?: PoolState }).master;
}
