import { rowsOf } from '@metropotes/database';
import type { Clock } from '@metropotes/config';
import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { ArticleEntity, type ArticleStatus, type StepData } from './article.entity';
import { RevisionEntity } from './revision.entity';

export interface ArticleContent {
  title: string;
  summary: string;
  body: string;
  bodyText: string;
  scales: string[];
  themes: string[];
  steps: StepData[];
  actorIds: string[];
  communeCodes: string[];
}

export interface ArticleListQuery {
  status: ArticleStatus | null;
  scale: string | null;
  theme: string | null;
  communeCodes: string[] | null;
  /** Fiches whose `updated_at` is at or after this instant. */
  updatedSince?: Date | null;
  /** Leave out fiches hidden by moderation (everyone but staff). */
  visibleOnly?: boolean;
  after: [string, string] | null;
  limit: number;
}

export interface SearchRow {
  id: string;
  rank: number;
  excerpt: string;
}

/** Headline delimiters that cannot occur in stored text; replaced by <mark> once the excerpt is escaped. */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

/**
 * The fiches' SQL. Their times — created_at, updated_at (which `updatedSince` filters: the digest's "new in the
 * guide"), published_at, a revision's edited_at — come from the service's clock, never from the database's.
 */
export class ArticleRepository {
  private readonly repo: Repository<ArticleEntity>;
  private readonly revisions: Repository<RevisionEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.repo = dataSource.getRepository(ArticleEntity);
    this.revisions = dataSource.getRepository(RevisionEntity);
  }

  findByIds(ids: readonly string[]): Promise<ArticleEntity[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  findBySlug(slug: string): Promise<ArticleEntity | null> {
    return this.repo.findOneBy({ slug });
  }

  /** Articles of many authors in one query (GIN index on author_ids). */
  findByAuthors(authorIds: readonly string[]): Promise<ArticleEntity[]> {
    return this.repo
      .createQueryBuilder('a')
      .where('a.author_ids && CAST(:ids AS uuid[])', { ids: [...authorIds] })
      .orderBy('a.updated_at', 'DESC')
      .addOrderBy('a.id')
      .getMany();
  }

  /** Every published fiche not hidden by moderation (for the PDF of the guide). */
  published(): Promise<ArticleEntity[]> {
    return this.repo.find({ where: { status: 'PUBLISHED', moderationState: 'VISIBLE' }, order: { title: 'ASC', id: 'ASC' } });
  }

  /**
   * A fingerprint of what the PDF of the guide shows, in one cheap statement: which fiches are published and
   * visible, when each last changed, and the names of the actors they cite. It changes whenever the PDF would.
   */
  async publishedFingerprint(): Promise<{ fingerprint: string; lastChange: Date | null }> {
    const rows = (await this.dataSource.query(
      `SELECT md5(coalesce(string_agg(a.id::text || '@' || a.updated_at::text || '#' || coalesce(names.list, ''), ',' ORDER BY a.id), '')) AS fingerprint,
              max(greatest(a.updated_at, names.changed)) AS "lastChange"
         FROM guide.articles a
         LEFT JOIN LATERAL (
           SELECT string_agg(ac.name, '|' ORDER BY ac.id) AS list, max(ac.updated_at) AS changed
             FROM guide.actors ac WHERE ac.id = ANY(a.actor_ids)
         ) names ON true
        WHERE a.status = 'PUBLISHED' AND a.moderation_state = 'VISIBLE'`,
    )) as { fingerprint: string; lastChange: Date | null }[];
    return rows[0]!;
  }

  /** Revisions of many articles in one query, newest first. */
  revisionsOf(articleIds: readonly string[]): Promise<RevisionEntity[]> {
    return this.revisions.find({ where: { articleId: In([...articleIds]) }, order: { version: 'DESC' } });
  }

  /** The slugs already taken by `base` and its numbered variants (base-2, base-3...). */
  async slugsLike(base: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT slug FROM guide.articles WHERE slug = $1 OR (slug LIKE $1 || '-%' AND substr(slug, length($1) + 2) ~ '^[0-9]+$')`,
      [base],
    )) as { slug: string }[];
    return rows.map((r) => r.slug);
  }

  async insert(slug: string, content: ArticleContent, authorId: string): Promise<ArticleEntity> {
    const now = this.clock.now();
    return this.repo.save(this.repo.create({ ...content, slug, authorIds: [authorId], status: 'DRAFT', version: 1, createdAt: now, updatedAt: now }));
  }

  /**
   * Saves an edit made on `expectedVersion`, keeping the previous text as a revision, in one transaction.
   * Returns null when the fiche is no longer at that version (someone saved in between): nothing is written.
   */
  async updateContent(id: string, expectedVersion: number, editorId: string | null, content: ArticleContent): Promise<ArticleEntity | null> {
    return this.dataSource
      .transaction((m: EntityManager) => this.saveContent(m, id, expectedVersion, editorId, content))
      .catch((error: unknown) => {
        if (error instanceof StaleVersion) return null;
        throw error;
      });
  }

  /**
   * Runs `work` in a transaction holding the fiche's row lock, if the fiche is at `expectedVersion`; null otherwise
   * (someone saved in between), and nothing runs.
   */
  async atVersion(
    id: string,
    expectedVersion: number,
    work: (m: EntityManager, article: ArticleEntity) => Promise<void>,
  ): Promise<ArticleEntity | null> {
    return this.dataSource.transaction(async (m: EntityManager) => {
      const article = await this.lock(m, id);
      if (!article || article.version !== expectedVersion) return null;
      await work(m, article);
      return article;
    });
  }

  /** The fiche, its row locked until the end of the caller's transaction. */
  lock(m: EntityManager, id: string): Promise<ArticleEntity | null> {
    return m.getRepository(ArticleEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * `updateContent` in the caller's transaction (an approved proposal is saved with its review): the previous text
   * kept as a revision, the fiche one version up. Null when it is no longer at `expectedVersion`.
   */
  async saveContent(
    m: EntityManager,
    id: string,
    expectedVersion: number,
    editorId: string | null,
    content: ArticleContent,
  ): Promise<ArticleEntity | null> {
    const now = this.clock.now();
    // Lock the row first: concurrent saves of the same fiche queue here, and the later ones see the new version.
    const locked = (await m.query(`SELECT version FROM guide.articles WHERE id = $1 FOR UPDATE`, [id])) as { version: number }[];
    if (locked.length === 0 || locked[0]!.version !== expectedVersion) return null;
    const inserted = (await m.query(
      `INSERT INTO guide.article_revisions (article_id, version, title, summary, body, steps, edited_by, edited_at)
       SELECT id, version, title, summary, body, steps, $3, $4 FROM guide.articles WHERE id = $1 AND version = $2
       RETURNING id`,
      [id, expectedVersion, editorId, now],
    )) as unknown[];
    if (inserted.length === 0) return null;
    const [rows] = (await m.query(
      `UPDATE guide.articles SET title = $3, summary = $4, body = $5, body_text = $6, scales = $7, themes = $8,
         steps = $9, actor_ids = $10, commune_codes = $11, version = version + 1, updated_at = $12
       WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        expectedVersion,
        content.title,
        content.summary,
        content.body,
        content.bodyText,
        content.scales,
        content.themes,
        JSON.stringify(content.steps),
        content.actorIds,
        content.communeCodes,
        now,
      ],
    )) as [{ id: string }[], number];
    if (rows.length === 0) {
      // Another save won the race between the two statements: undo the revision too.
      throw new StaleVersion();
    }
    return m.getRepository(ArticleEntity).findOneByOrFail({ id });
  }

  /** Everything the guide holds about a member, forgotten in one transaction (see eraseMemberFromGuide). */
  async eraseMember(memberId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`DELETE FROM guide.articles WHERE author_ids = ARRAY[$1::uuid] AND status IN ('DRAFT', 'IN_REVIEW')`, [memberId]);
      await m.query(`UPDATE guide.articles SET author_ids = array_remove(author_ids, $1::uuid) WHERE author_ids @> ARRAY[$1::uuid]`, [memberId]);
      await m.query(`UPDATE guide.article_revisions SET edited_by = NULL WHERE edited_by = $1`, [memberId]);
      // Edits they proposed to published fiches, or reviewed as staff, keep no link to them (modules/proposed-revisions).
      await m.query(`UPDATE guide.proposed_revisions SET author_id = NULL WHERE author_id = $1`, [memberId]);
      await m.query(`UPDATE guide.proposed_revisions SET reviewed_by = NULL WHERE reviewed_by = $1`, [memberId]);
      await m.query(`UPDATE guide.watch_items SET submitted_by = NULL WHERE submitted_by = $1`, [memberId]);
      await m.query(`UPDATE guide.watch_items SET curated_by = NULL WHERE curated_by = $1`, [memberId]);
    });
  }

  /** A new status; the note of a former send-back to the authors goes (it was about the text then in review). */
  /** `q`: the caller's transaction, if any (the row is read back through it). */
  async setStatus(id: string, status: ArticleStatus, q: EntityManager = this.dataSource.manager): Promise<ArticleEntity> {
    await q.query(
      `UPDATE guide.articles SET status = $2, updated_at = $3, review_note = NULL,
         published_at = CASE WHEN $2 = 'PUBLISHED' THEN coalesce(published_at, $3) ELSE published_at END
       WHERE id = $1`,
      [id, status, this.clock.now()],
    );
    return q.getRepository(ArticleEntity).findOneByOrFail({ id });
  }

  /** A fiche in review back to DRAFT with staff's note; null when it was no longer in review. */
  async returnToDraft(id: string, note: string, q: EntityManager = this.dataSource.manager): Promise<ArticleEntity | null> {
    const rows = rowsOf<{ id: string }>(
      await q.query(
        `UPDATE guide.articles SET status = 'DRAFT', review_note = $2, updated_at = $3 WHERE id = $1 AND status = 'IN_REVIEW' RETURNING id`,
        [id, note, this.clock.now()],
      ),
    );
    return rows.length ? q.getRepository(ArticleEntity).findOneByOrFail({ id }) : null;
  }

  private listQuery(q: Omit<ArticleListQuery, 'after' | 'limit'>) {
    const qb = this.repo.createQueryBuilder('a');
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.scale) qb.andWhere(':scale = ANY(a.scales)', { scale: q.scale });
    if (q.theme) qb.andWhere(':theme = ANY(a.themes)', { theme: q.theme });
    if (q.communeCodes) qb.andWhere('a.commune_codes && CAST(:codes AS text[])', { codes: q.communeCodes });
    if (q.updatedSince) qb.andWhere('a.updated_at >= :updatedSince', { updatedSince: q.updatedSince });
    if (q.visibleOnly) qb.andWhere(`a.moderation_state = 'VISIBLE'`);
    return qb;
  }

  /** One page, by title then id; `limit + 1` rows so the caller knows whether there is more. */
  list(q: ArticleListQuery): Promise<ArticleEntity[]> {
    const qb = this.listQuery(q);
    if (q.after) qb.andWhere('(a.title, a.id) > (:afterTitle, :afterId)', { afterTitle: q.after[0], afterId: q.after[1] });
    return qb
      .orderBy('a.title', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(q.limit + 1)
      .getMany();
  }

  count(q: Omit<ArticleListQuery, 'after' | 'limit'>): Promise<number> {
    return this.listQuery(q).getCount();
  }

  /** French full-text search: best rank first, with a headline of the summary and body. */
  async search(query: string, publishedOnly: boolean, limit: number): Promise<SearchRow[]> {
    const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
    // The headline (costly) is only computed for the page of results, not for every match.
    const rows = (await this.dataSource.query(
      `SELECT hit.id, hit.rank,
              ts_headline('guide.fr', concat_ws(' ', a.title, '—', a.summary, a.body_text), hit.q, $4) AS excerpt
       FROM (
         SELECT a.id, q, ts_rank(a.search, q) AS rank
         FROM guide.articles a, websearch_to_tsquery('guide.fr', $1) q
         WHERE a.search @@ q AND (NOT $2 OR (a.status = 'PUBLISHED' AND a.moderation_state = 'VISIBLE'))
         ORDER BY rank DESC, a.id
         LIMIT $3
       ) hit
       JOIN guide.articles a ON a.id = hit.id
       ORDER BY hit.rank DESC, hit.id`,
      [query, publishedOnly, limit, options],
    )) as { id: string; rank: string | number; excerpt: string }[];
    return rows.map((r) => ({ id: r.id, rank: Number(r.rank), excerpt: r.excerpt }));
  }
}

class StaleVersion extends Error {}
