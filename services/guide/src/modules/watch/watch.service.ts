import { isStaff, memberIdOf, seesNonPublicContent, type Viewer } from '@metropotes/auth';
import {
  apiError,
  badInput,
  conflict,
  decodeCursor,
  isUuid,
  notFound,
  pageSize,
  requireMember,
  requireStaff,
  requireSystem,
  rowLoader,
  toConnection,
  type Connection,
} from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import { communeFilter, detectCommunes, validCommuneCodes } from '../shared';
import type { WatchItemEntity, WatchItemStatus, WatchSourceEntity } from './watch.entity';
import { toWatchItemModel, toWatchSourceModel, type WatchItemModel, type WatchSourceModel } from './watch.mapper';
import type { NewWatchItem, WatchRepository } from './watch.repository';
import { normalizeUrl } from './normalize-url';

export interface SourceInput {
  name?: string | null;
  feedUrl?: string | URL | null;
  themes?: string[] | null;
  communeCodes?: string[] | null;
  active?: boolean | null;
}

export interface SubmitInput {
  url: string | URL;
  title: string;
  summary?: string | null;
  communeCodes?: string[] | null;
  themes?: string[] | null;
}

export interface IngestEntry {
  url: string | URL;
  title: string;
  summary?: string | null;
  publishedAt?: Date | null;
  themes?: string[] | null;
}

export interface ItemCorrection {
  communeCodes?: string[] | null;
  themes?: string[] | null;
}

export interface WatchItemFilter {
  status?: WatchItemStatus | null;
  theme?: string | null;
  communeCode?: string | null;
  territoryCode?: string | null;
  since?: Date | null;
  selectedSince?: Date | null;
}

const TITLE_MAX = 300;
const SUMMARY_MAX = 2000;
const INGEST_MAX = 200;
const CURATE_MAX = 100;

/**
 * The veille. Staff see and curate everything; members (and visitors) see the items the staff selected
 * (a member also sees, one by one, the items they submitted). One instance per request.
 */
export class WatchService {
  private readonly sourceById: DataLoader<string, WatchSourceEntity | null>;
  private readonly itemById: DataLoader<string, WatchItemEntity | null>;

  constructor(
    private readonly repository: WatchRepository,
    private readonly viewer: Viewer,
  ) {
    this.sourceById = rowLoader(
      (ids) => repository.sourcesByIds(ids),
      (s) => s.id,
    );
    this.itemById = rowLoader(
      (ids) => repository.itemsByIds(ids),
      (i) => i.id,
    );
  }

  get staff(): boolean {
    return isStaff(this.viewer);
  }

  /** Sees items the public may not (not selected, hidden): staff members; not the system, which e-mails members what it reads. */
  get seesNonPublic(): boolean {
    return seesNonPublicContent(this.viewer);
  }

  isSubmitter(item: WatchItemModel): boolean {
    const me = memberIdOf(this.viewer);
    return me !== null && item.submittedById === me;
  }

  private canSee(item: WatchItemEntity): boolean {
    // Hidden by moderation: staff members only (modules/moderation).
    if (item.moderationState === 'HIDDEN') return this.seesNonPublic;
    return item.status === 'SELECTED' || this.seesNonPublic || (item.submittedBy !== null && item.submittedBy === memberIdOf(this.viewer));
  }

  // --- sources (staff) ---

  async sources(active?: boolean | null): Promise<WatchSourceModel[]> {
    requireStaff(this.viewer);
    const all = await this.repository.allSources();
    return all.filter((s) => active === null || active === undefined || s.active === active).map(toWatchSourceModel);
  }

  /** For WatchItem.source: staff only. */
  async sourceOf(item: WatchItemModel): Promise<WatchSourceModel | null> {
    if (!this.staff || !item.sourceId) return null;
    const source = await this.sourceById.load(item.sourceId);
    return source ? toWatchSourceModel(source) : null;
  }

  async addSource(input: SourceInput): Promise<WatchSourceModel> {
    requireStaff(this.viewer);
    return this.uniqueFeed(async () =>
      toWatchSourceModel(
        await this.repository.insertSource({
          name: checkText(input.name, 'input.name', 'Le nom de la source', 2, 200),
          feedUrl: checkFeedUrl(input.feedUrl),
          themes: [...new Set(input.themes ?? [])],
          communeCodes: validCommuneCodes(input.communeCodes, 'input.communeCodes'),
          active: true,
        }),
      ),
    );
  }

  async updateSource(id: string, input: SourceInput): Promise<WatchSourceModel> {
    requireStaff(this.viewer);
    const source = await this.source(id);
    const changes: Partial<WatchSourceEntity> = {};
    if (input.name != null) changes.name = checkText(input.name, 'input.name', 'Le nom de la source', 2, 200);
    if (input.feedUrl != null) changes.feedUrl = checkFeedUrl(input.feedUrl);
    if (input.themes != null) changes.themes = [...new Set(input.themes)];
    if (input.communeCodes != null) changes.communeCodes = validCommuneCodes(input.communeCodes, 'input.communeCodes');
    if (input.active != null) changes.active = input.active;
    return this.uniqueFeed(async () => toWatchSourceModel(await this.repository.updateSource(source.id, changes)));
  }

  async pauseSource(id: string): Promise<WatchSourceModel> {
    requireStaff(this.viewer);
    const source = await this.source(id);
    return toWatchSourceModel(await this.repository.updateSource(source.id, { active: false }));
  }

  private async source(id: string): Promise<WatchSourceEntity> {
    const source = isUuid(id) ? await this.sourceById.load(id) : null;
    if (!source) throw notFound("Cette source de veille n'existe pas.");
    return source;
  }

  private async uniqueFeed<T>(save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw conflict('Ce flux est déjà suivi par une autre source de la veille.');
      throw error;
    }
  }

  // --- items ---

  async item(id: string): Promise<WatchItemModel | null> {
    const item = isUuid(id) ? await this.itemById.load(id) : null;
    return item && this.canSee(item) ? toWatchItemModel(item) : null;
  }

  async list(filter: WatchItemFilter | null | undefined, first?: number | null, after?: string | null): Promise<Connection<WatchItemModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2) as [string, string] | null;
    if (cursor && (typeof cursor[0] !== 'string' || Number.isNaN(Date.parse(cursor[0])) || !isUuid(cursor[1]))) {
      throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    }
    let statuses: WatchItemStatus[] | null;
    if (this.seesNonPublic) statuses = filter?.status ? [filter.status] : null;
    else statuses = filter?.status && filter.status !== 'SELECTED' ? [] : ['SELECTED'];
    // selectedSince implies SELECTED: asking for another status with it finds nothing.
    if (filter?.selectedSince && statuses && !statuses.includes('SELECTED')) statuses = [];
    const query = {
      statuses,
      theme: filter?.theme ?? null,
      communeCodes: communeFilter(filter),
      since: filter?.since ?? null,
      selectedSince: filter?.selectedSince ?? null,
      visibleOnly: !this.seesNonPublic,
    };
    if (statuses?.length === 0)
      return toConnection(
        [] as WatchItemEntity[],
        limit,
        () => [],
        toWatchItemModel,
        async () => 0,
      );
    const rows = await this.repository.list(query, cursor, limit);
    for (const row of rows) this.itemById.prime(row.id, row);
    // The time the list is ordered by (selection with selectedSince, else publication), to the millisecond.
    const cursorOf = (i: WatchItemEntity) => [(query.selectedSince ? i.curatedAt! : i.publishedAt).toISOString(), i.id];
    return toConnection(rows, limit, cursorOf, toWatchItemModel, () => this.repository.count(query));
  }

  async submit(input: SubmitInput): Promise<WatchItemModel> {
    const memberId = requireMember(this.viewer);
    const entry = prepare(input, 'input.');
    entry.communeCodes = [...new Set([...validCommuneCodes(input.communeCodes, 'input.communeCodes'), ...entry.communeCodes])];
    const existing = await this.repository.itemByNormalizedUrl(entry.normalizedUrl);
    if (existing) throw duplicate(existing);
    try {
      return toWatchItemModel(await this.repository.insertItem(entry, memberId));
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      // Submitted by someone else in the meantime.
      const winner = await this.repository.itemByNormalizedUrl(entry.normalizedUrl);
      throw winner ? duplicate(winner) : error;
    }
  }

  async curate(id: string, status: WatchItemStatus, note: string | null | undefined): Promise<WatchItemModel> {
    requireStaff(this.viewer);
    const item = isUuid(id) ? await this.itemById.load(id) : null;
    if (!item) throw notFound("Cet élément de la veille n'existe pas.");
    const trimmed = note?.trim() || null;
    if (trimmed && trimmed.length > SUMMARY_MAX) throw badInput(`La note est limitée à ${SUMMARY_MAX} caractères.`, 'note');
    return toWatchItemModel(await this.repository.curate(item.id, status, memberIdOf(this.viewer), trimmed));
  }

  /** Several items curated in one transaction, all or nothing; the answer follows the order of `ids`. */
  async curateMany(ids: readonly string[], status: WatchItemStatus, note: string | null | undefined): Promise<WatchItemModel[]> {
    requireStaff(this.viewer);
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw badInput('Cochez au moins un élément de la veille.', 'ids');
    if (unique.length > CURATE_MAX) throw badInput(`Au plus ${CURATE_MAX} éléments à la fois.`, 'ids');
    if (!unique.every(isUuid)) throw missingInBatch();
    const trimmed = note?.trim() || null;
    if (trimmed && trimmed.length > SUMMARY_MAX) throw badInput(`La note est limitée à ${SUMMARY_MAX} caractères.`, 'note');
    const rows = await this.repository.curateMany(unique, status, memberIdOf(this.viewer), trimmed);
    if (!rows) throw missingInBatch();
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const row of rows) this.itemById.clear(row.id).prime(row.id, row);
    return ids.map((id) => toWatchItemModel(byId.get(id)!));
  }

  /** The staff correct what the veille detected: communes against the official reference. */
  async correct(id: string, input: ItemCorrection): Promise<WatchItemModel> {
    requireStaff(this.viewer);
    const item = isUuid(id) ? await this.itemById.load(id) : null;
    if (!item) throw notFound("Cet élément de la veille n'existe pas.");
    const changes: { communeCodes?: string[]; themes?: string[] } = {};
    if (input.communeCodes != null) changes.communeCodes = validCommuneCodes(input.communeCodes, 'input.communeCodes');
    if (input.themes != null) changes.themes = [...new Set(input.themes)];
    return toWatchItemModel(await this.repository.correctItem(item.id, changes));
  }

  /** The feed poller's report for one source: new entries become items (idempotent by normalised URL). */
  async ingest(
    sourceId: string,
    entries: IngestEntry[],
    error: string | null | undefined,
  ): Promise<{ created: WatchItemModel[]; skipped: number; source: WatchSourceModel }> {
    requireSystem(this.viewer);
    const source = await this.source(sourceId);
    if (error) {
      return {
        created: [],
        skipped: entries.length,
        source: toWatchSourceModel(await this.repository.recordFetchError(source.id, error.slice(0, 1000))),
      };
    }
    if (!source.active) throw conflict('Cette source de veille est en pause : ses articles ne sont pas importés.');
    if (entries.length > INGEST_MAX) throw badInput(`Au plus ${INGEST_MAX} articles par import.`, 'items');
    const byUrl = new Map<string, NewWatchItem>();
    for (const entry of entries) {
      const normalizedUrl = normalizeUrl(String(entry.url));
      const title = entry.title.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX);
      if (!normalizedUrl || !title || byUrl.has(normalizedUrl)) continue;
      const summary = (entry.summary ?? '').replace(/\s+/g, ' ').trim().slice(0, SUMMARY_MAX);
      byUrl.set(normalizedUrl, {
        url: String(entry.url),
        normalizedUrl,
        title,
        summary,
        publishedAt: entry.publishedAt ?? null,
        communeCodes: [...new Set([...source.communeCodes, ...detectCommunes(title, summary)])],
        themes: [...new Set([...source.themes, ...(entry.themes ?? [])])],
      });
    }
    const created = await this.repository.ingest(source.id, [...byUrl.values()]);
    const refreshed = (await this.repository.sourcesByIds([source.id]))[0]!;
    return { created: created.map(toWatchItemModel), skipped: entries.length - created.length, source: toWatchSourceModel(refreshed) };
  }
}

function prepare(input: SubmitInput, prefix: string): NewWatchItem {
  const normalizedUrl = normalizeUrl(String(input.url));
  if (!normalizedUrl) throw badInput('Le lien doit être une adresse web (http ou https).', `${prefix}url`);
  const title = checkText(input.title, `${prefix}title`, 'Le titre', 3, TITLE_MAX);
  const summary = (input.summary ?? '').trim();
  if (summary.length > SUMMARY_MAX) throw badInput(`Le résumé est limité à ${SUMMARY_MAX} caractères.`, `${prefix}summary`);
  return {
    url: String(input.url),
    normalizedUrl,
    title,
    summary,
    publishedAt: null,
    communeCodes: detectCommunes(title, summary),
    themes: [...new Set(input.themes ?? [])],
  };
}

function missingInBatch() {
  return apiError('NOT_FOUND', "Un des éléments cochés n'existe pas : rien n'a été changé.", { field: 'ids' });
}

function duplicate(existing: WatchItemEntity) {
  return conflict(`Ce lien est déjà dans la veille : « ${existing.title} ».`, { existingItemId: existing.id });
}

function checkText(value: string | null | undefined, field: string, label: string, min: number, max: number): string {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  if (text.length < min) throw badInput(`${label} doit faire au moins ${min} caractères.`, field);
  if (text.length > max) throw badInput(`${label} est limité à ${max} caractères.`, field);
  return text;
}

function checkFeedUrl(value: string | URL | null | undefined): string {
  const url = value ? normalizeUrl(String(value)) : null;
  if (!url) throw badInput("L'adresse du flux doit être une adresse web (http ou https).", 'input.feedUrl');
  return String(value);
}
