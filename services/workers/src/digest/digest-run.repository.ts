import type { DataSource } from 'typeorm';

export interface UnfinishedDigestRun {
  period: string;
  /** The run's `now`, ISO 8601 (as its batch jobs carry it). */
  now: string;
  /** The cursor of the batch to run next (null: the first). */
  nextAfter: string | null;
}

/**
 * workers.digest_runs: each scheduled digest run and the cursor of its next batch. `run_at` is the run's `now` (the
 * workers' clock: what the digests tell about); `started_at` and `finished_at` are the database's real time, when the
 * process did the work, and only ever compared with the database's time (how long a lost run is taken up again).
 */
export class DigestRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a run (again: nothing changes). */
  async start(period: string, now: Date): Promise<void> {
    await this.dataSource.query(`INSERT INTO workers.digest_runs (period, run_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [period, now]);
  }

  /**
   * The batch after `from` is done: the run goes on from `next` (null: the run is over). Only from the cursor the run
   * is at, so a batch run twice never moves a run back. False when the run was elsewhere (or not recorded).
   */
  async advance(period: string, now: Date, from: string | null, next: string | null): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE workers.digest_runs
          SET next_after = $4, batches = batches + 1, finished_at = CASE WHEN $4::uuid IS NULL THEN now() END
        WHERE period = $1 AND run_at = $2 AND finished_at IS NULL AND next_after IS NOT DISTINCT FROM $3::uuid
        RETURNING 1`,
      [period, now, from, next],
    );
    return rows.length > 0;
  }

  /** Runs started within `withinMs` and not finished. */
  async unfinished(withinMs: number): Promise<UnfinishedDigestRun[]> {
    const rows: { period: string; run_at: Date; next_after: string | null }[] = await this.dataSource.query(
      `SELECT period, run_at, next_after FROM workers.digest_runs
        WHERE finished_at IS NULL AND started_at >= now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY started_at`,
      [withinMs],
    );
    return rows.map((r) => ({ period: r.period, now: new Date(r.run_at).toISOString(), nextAfter: r.next_after }));
  }
}
