import type { Clock } from '@metropotes/config';
import { In, type DataSource, type Repository } from 'typeorm';
import { WatchItemEntity, WatchSourceEntity, type WatchItemStatus } from './watch.entity';

export interface WatchItemListQuery {
  statuses: WatchItemStatus[] | null;
  theme: string | null;
  communeCodes: string[] | null;
  since: Date | null;
  /** Selected items whose selection (curated_at) is at or after this time. */
  selectedSince?: Date | null;
  /** Leave out items hidden by moderation (everyone but staff). */
  visibleOnly?: boolean;
}

export interface NewWatchItem {
  url: string;
  normalizedUrl: string;
  title: string;
  summary: string;
  publishedAt: Date | null;
  communeCodes: string[];
  themes: string[];
}

/**
 * The veille's SQL. An item's times — published_at when its feed gives none (which `since` filters), curated_at (the
 * selection time, which `selectedSince` filters: the digest) — come from the service's clock, to the millisecond. A
 * source's fetch bookkeeping (last_fetched_at, updated_at) is the poller's: real time, as no rule reads it.
 */
export class WatchRepository {
  private readonly sources: Repository<WatchSourceEntity>;
  private readonly items: Repository<WatchItemEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.sources = dataSource.getRepository(WatchSourceEntity);
    this.items = dataSource.getRepository(WatchItemEntity);
  }

  allSources(): Promise<WatchSourceEntity[]> {
    return this.sources.find({ order: { name: 'ASC', id: 'ASC' } });
  }

  sourcesByIds(ids: readonly string[]): Promise<WatchSourceEntity[]> {
    return this.sources.findBy({ id: In([...ids]) });
  }

  insertSource(source: Partial<WatchSourceEntity>): Promise<WatchSourceEntity> {
    return this.sources.save(this.sources.create(source));
  }

  async updateSource(id: string, changes: Partial<WatchSourceEntity>): Promise<WatchSourceEntity> {
    await this.sources.update({ id }, { ...changes, updatedAt: () => 'now()' } as never);
    return this.sources.findOneByOrFail({ id });
  }

  itemsByIds(ids: readonly string[]): Promise<WatchItemEntity[]> {
    return this.items.findBy({ id: In([...ids]) });
  }

  itemByNormalizedUrl(normalizedUrl: string): Promise<WatchItemEntity | null> {
    return this.items.findOneBy({ normalizedUrl });
  }

  /** A member's submission; throws the unique violation (23505) when the URL is already known. */
  async insertItem(item: NewWatchItem, submittedBy: string): Promise<WatchItemEntity> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO guide.watch_items (url, normalized_url, title, summary, published_at, commune_codes, themes, submitted_by)
       VALUES ($1, $2, $3, $4, date_trunc('milliseconds', coalesce($5::timestamptz, $9::timestamptz)), $6, $7, $8) RETURNING id`,
      [item.url, item.normalizedUrl, item.title, item.summary, item.publishedAt, item.communeCodes, item.themes, submittedBy, this.clock.now()],
    )) as { id: string }[];
    return this.items.findOneByOrFail({ id: row!.id });
  }

  /**
   * An item selected again (a new note) keeps its selection time: the digest does not send it a second time.
   * The time is kept to the millisecond, like `published_at`, so that it round-trips through cursors.
   */
  async curate(id: string, status: WatchItemStatus, curatedBy: string | null, note: string | null): Promise<WatchItemEntity> {
    await this.dataSource.query(
      `UPDATE guide.watch_items
          SET status = $2, curated_by = $3, curation_note = $4,
              curated_at = CASE WHEN status = 'SELECTED' AND $2 = 'SELECTED' THEN curated_at ELSE date_trunc('milliseconds', $5::timestamptz) END
        WHERE id = $1`,
      [id, status, curatedBy, note, this.clock.now()],
    );
    return this.items.findOneByOrFail({ id });
  }

  /**
   * Several items curated at once, in one transaction: null (and nothing changed) when one of `ids` does not exist.
   * Each item keeps its selection time when it was already selected, as in `curate`.
   */
  async curateMany(ids: string[], status: WatchItemStatus, curatedBy: string | null, note: string | null): Promise<WatchItemEntity[] | null> {
    return this.dataSource.transaction(async (m) => {
      const locked = (await m.query(`SELECT id FROM guide.watch_items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids])) as { id: string }[];
      if (locked.length !== ids.length) return null;
      await m.query(
        `UPDATE guide.watch_items
            SET status = $2, curated_by = $3, curation_note = $4,
                curated_at = CASE WHEN status = 'SELECTED' AND $2 = 'SELECTED' THEN curated_at ELSE date_trunc('milliseconds', $5::timestamptz) END
          WHERE id = ANY($1::uuid[])`,
        [ids, status, curatedBy, note, this.clock.now()],
      );
      return m.getRepository(WatchItemEntity).findBy({ id: In(ids) });
    });
  }

  async correctItem(id: string, changes: { communeCodes?: string[]; themes?: string[] }): Promise<WatchItemEntity> {
    if (Object.keys(changes).length) await this.items.update({ id }, changes);
    return this.items.findOneByOrFail({ id });
  }

  /**
   * A feed's entries, in one transaction: those whose normalised URL is new become items, the others are left
   * as they were; the source's last fetch is recorded. Returns the items created.
   */
  async ingest(sourceId: string, entries: NewWatchItem[]): Promise<WatchItemEntity[]> {
    return this.dataSource.transaction(async (m) => {
      const created = entries.length
        ? ((await m.query(
            `INSERT INTO guide.watch_items (url, normalized_url, title, summary, source_id, published_at, commune_codes, themes)
             SELECT x.url, x."normalizedUrl", x.title, x.summary, $1, date_trunc('milliseconds', coalesce(x."publishedAt", $3::timestamptz)),
                    x."communeCodes", x.themes
             FROM jsonb_to_recordset($2::jsonb) AS x(url text, "normalizedUrl" text, title text, summary text,
                                                    "publishedAt" timestamptz, "communeCodes" text[], themes text[])
             ON CONFLICT (normalized_url) DO NOTHING
             RETURNING id`,
            [sourceId, JSON.stringify(entries), this.clock.now()],
          )) as { id: string }[])
        : [];
      await m.query(`UPDATE guide.watch_sources SET last_fetched_at = now(), last_error = NULL, updated_at = now() WHERE id = $1`, [sourceId]);
      return created.length
        ? m.getRepository(WatchItemEntity).find({ where: { id: In(created.map((r) => r.id)) }, order: { publishedAt: 'DESC', id: 'DESC' } })
        : [];
    });
  }

  async recordFetchError(sourceId: string, error: string): Promise<WatchSourceEntity> {
    await this.dataSource.query(`UPDATE guide.watch_sources SET last_error = $2, updated_at = now() WHERE id = $1`, [sourceId, error]);
    return this.sources.findOneByOrFail({ id: sourceId });
  }

  private listQuery(q: WatchItemListQuery) {
    const qb = this.items.createQueryBuilder('i');
    if (q.statuses) qb.andWhere('i.status = ANY(CAST(:statuses AS text[]))', { statuses: q.statuses });
    if (q.theme) qb.andWhere(':theme = ANY(i.themes)', { theme: q.theme });
    if (q.communeCodes) qb.andWhere('i.commune_codes && CAST(:codes AS text[])', { codes: q.communeCodes });
    if (q.since) qb.andWhere('i.published_at >= :since', { since: q.since });
    // A literal status (not the statuses parameter) so that the planner can use watch_items_selected_idx.
    if (q.selectedSince) qb.andWhere(`i.status = 'SELECTED'`).andWhere('i.curated_at >= :selectedSince', { selectedSince: q.selectedSince });
    if (q.visibleOnly) qb.andWhere(`i.moderation_state = 'VISIBLE'`);
    return qb;
  }

  /**
   * Newest first: by publication, or by selection when `q.selectedSince` is set (the digest); `limit + 1` rows so the
   * caller knows whether there is more. `after` is the `[time, id]` of the last row of the previous page, in that order.
   */
  list(q: WatchItemListQuery, after: [string, string] | null, limit: number): Promise<WatchItemEntity[]> {
    const at = q.selectedSince ? 'i.curated_at' : 'i.published_at';
    const qb = this.listQuery(q);
    if (after) qb.andWhere(`(${at}, i.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))`, { afterAt: after[0], afterId: after[1] });
    return qb
      .orderBy(at, 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  count(q: WatchItemListQuery): Promise<number> {
    return this.listQuery(q).getCount();
  }
}
