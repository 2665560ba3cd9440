import { isStaff, memberIdOf, seesNonPublicContent, type Viewer } from '@metropotes/auth';
import {
  badInput,
  conflict,
  decodeCursor,
  forbidden,
  groupLoader,
  isUuid,
  notFound,
  pageSize,
  requireMember,
  requireStaff,
  requireSystem,
  rowLoader,
  toConnection,
  unauthenticated,
  type Connection,
} from '@metropotes/graphql-kit';
import { markdownToText } from '@metropotes/markdown';
import DataLoader from 'dataloader';
import { communeFilter, decodeEntities, escapeHtml, slugify, validCommuneCodes } from '../shared';
import type { ActorRepository } from '../actors';
import type { ArticleContentBase, ArticleEditReview, ArticleReviewNotices } from './article-review';
import type { EntityManager } from 'typeorm';
import type { ArticleEntity, ArticleStatus, StepData } from './article.entity';
import { toArticleModel, toRevisionModel, type ArticleModel, type RevisionModel } from './article.mapper';
import { MARK_END, MARK_START, type ArticleContent, type ArticleRepository } from './article.repository';
import type { RevisionEntity } from './revision.entity';

export interface ArticleInput {
  title?: string | null;
  summary?: string | null;
  body?: string | null;
  scales?: string[] | null;
  themes?: string[] | null;
  steps?: StepData[] | null;
  actorIds?: string[] | null;
  communeCodes?: string[] | null;
}

export interface ArticleFilter {
  scale?: string | null;
  theme?: string | null;
  communeCode?: string | null;
  territoryCode?: string | null;
  status?: ArticleStatus | null;
  updatedSince?: Date | null;
}

export interface SearchHit {
  article: ArticleModel;
  rank: number;
  excerpt: string;
}

const LIMITS = { title: 200, summary: 2000, body: 100_000, steps: 50, stepTitle: 200, stepText: 10_000, actors: 50 };

/** Who sees and writes which fiche. One instance per request. */
export class ArticleService {
  private readonly byId: DataLoader<string, ArticleEntity | null>;
  private readonly byAuthor: DataLoader<string, ArticleEntity[]>;
  private readonly revisionsByArticle: DataLoader<string, RevisionEntity[]>;

  constructor(
    private readonly repository: ArticleRepository,
    private readonly actors: ActorRepository,
    private readonly viewer: Viewer,
    /** Where a member's edit of a published fiche waits for staff (modules/proposed-revisions). */
    private readonly editReview: ArticleEditReview,
    /** Staff's decisions on a fiche in review and the job telling its authors, in one transaction (outbox). */
    private readonly reviewNotices: ArticleReviewNotices,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (a) => a.id,
    );
    this.byAuthor = new DataLoader(async (authorIds: readonly string[]) => {
      const rows = await repository.findByAuthors(authorIds);
      // A fiche with two authors belongs to both lists.
      return authorIds.map((id) => rows.filter((a) => a.authorIds.includes(id)));
    });
    this.revisionsByArticle = groupLoader(
      (ids) => repository.revisionsOf(ids),
      (r) => r.articleId,
    );
  }

  /** Published fiches are public; the others, and hidden ones, for staff members (not the system: it e-mails members what it reads) and authors. */
  canSee(article: ArticleEntity | ArticleModel): boolean {
    // Hidden by moderation: staff members only (modules/moderation).
    if (article.moderationState === 'HIDDEN') return seesNonPublicContent(this.viewer);
    if (article.status === 'PUBLISHED') return true;
    const me = memberIdOf(this.viewer);
    return seesNonPublicContent(this.viewer) || (me !== null && article.authorIds.includes(me));
  }

  /** Authors and staff. */
  canEdit(article: ArticleEntity | ArticleModel): boolean {
    const me = memberIdOf(this.viewer);
    return isStaff(this.viewer) || (me !== null && article.authorIds.includes(me));
  }

  async visible(args: { id?: string | null; slug?: string | null }): Promise<ArticleModel | null> {
    let article: ArticleEntity | null = null;
    if (args.id) article = isUuid(args.id) ? await this.byId.load(args.id) : null;
    else if (args.slug) article = await this.repository.findBySlug(args.slug);
    return article && this.canSee(article) ? toArticleModel(article) : null;
  }

  async byAuthorVisible(memberId: string): Promise<ArticleModel[]> {
    if (!isUuid(memberId)) return [];
    return (await this.byAuthor.load(memberId)).filter((a) => this.canSee(a)).map(toArticleModel);
  }

  async revisions(article: ArticleModel): Promise<RevisionModel[]> {
    if (!this.canEdit(article)) return [];
    return (await this.revisionsByArticle.load(article.id)).map(toRevisionModel);
  }

  async list(filter: ArticleFilter | null | undefined, first?: number | null, after?: string | null): Promise<Connection<ArticleModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2) as [string, string] | null;
    if (cursor && (typeof cursor[0] !== 'string' || !isUuid(cursor[1]))) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    const query = {
      status: seesNonPublicContent(this.viewer) ? (filter?.status ?? null) : ('PUBLISHED' as const),
      scale: filter?.scale ?? null,
      theme: filter?.theme ?? null,
      communeCodes: communeFilter(filter),
      updatedSince: filter?.updatedSince ?? null,
      visibleOnly: !seesNonPublicContent(this.viewer),
    };
    const rows = await this.repository.list({ ...query, after: cursor, limit });
    for (const row of rows) this.byId.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      (a) => [a.title, a.id],
      toArticleModel,
      () => this.repository.count(query),
    );
  }

  async search(text: string, first?: number | null): Promise<SearchHit[]> {
    const query = text.trim();
    if (!query) throw badInput('Écrivez au moins un mot à chercher.', 'query');
    if (query.length > 200) throw badInput('La recherche est limitée à 200 caractères.', 'query');
    const limit = pageSize(first, 10);
    const rows = await this.repository.search(query, !seesNonPublicContent(this.viewer), limit);
    const articles = await this.byId.loadMany(rows.map((r) => r.id));
    const hits: SearchHit[] = [];
    rows.forEach((row, i) => {
      const article = articles[i];
      if (!article || article instanceof Error || !this.canSee(article)) return;
      hits.push({ article: toArticleModel(article), rank: row.rank, excerpt: highlight(row.excerpt) });
    });
    return hits;
  }

  async create(input: ArticleInput): Promise<ArticleModel> {
    const authorId = requireMember(this.viewer);
    const content = await this.content(input, null);
    const base = slugify(content.title);
    for (let attempt = 0; ; attempt += 1) {
      const slug = nextSlug(base, await this.repository.slugsLike(base));
      try {
        return toArticleModel(await this.repository.insert(slug, content, authorId));
      } catch (error) {
        // Someone took the same slug in between: pick the next one.
        if (attempt < 5 && (error as { code?: string }).code === '23505') continue;
        throw error;
      }
    }
  }

  async update(id: string, input: ArticleInput & { expectedVersion: number }): Promise<ArticleModel> {
    const article = await this.editable(id);
    // An author who is not staff editing a published fiche proposes the edit: staff review it before visitors read it.
    if (article.status === 'PUBLISHED' && !isStaff(this.viewer)) return this.propose(article, input);
    const content = await this.content(input, article);
    const saved = await this.repository.updateContent(article.id, input.expectedVersion, memberIdOf(this.viewer), content);
    if (!saved) throw await this.stale(article.id, input.expectedVersion);
    return toArticleModel(saved);
  }

  /** The edit of a published fiche becomes its pending revision; the fiche stays as it is (same version). */
  private async propose(article: ArticleEntity, input: ArticleInput & { expectedVersion: number }): Promise<ArticleModel> {
    const locked = await this.repository.atVersion(article.id, input.expectedVersion, (m, current) =>
      this.editReview.propose(m, current, (base) => this.content(input, base)),
    );
    if (!locked) throw await this.stale(article.id, input.expectedVersion);
    this.byId.clear(locked.id).prime(locked.id, locked);
    return toArticleModel(locked);
  }

  /** Locks a fiche for a staff member's review of an edit proposed to it; NOT_FOUND if there is none. */
  async lockForReview(manager: Parameters<ArticleRepository['lock']>[0], id: string): Promise<ArticleEntity> {
    requireStaff(this.viewer);
    const article = await this.repository.lock(manager, id);
    if (!article) throw notFound("Cette fiche du guide n'existe pas.");
    return article;
  }

  /**
   * An edit staff approved goes live as the edit it is (modules/proposed-revisions), in the caller's transaction
   * holding the fiche's lock: the previous text kept as a revision edited by the proposal's author, one version up.
   * CONFLICT when the fiche changed since the edit was proposed (its author may propose it again on the new text).
   */
  async applyApproved(
    manager: Parameters<ArticleRepository['lock']>[0],
    article: ArticleEntity,
    proposal: ArticleContent & { baseVersion: number; authorId: string | null },
  ): Promise<ArticleEntity> {
    requireStaff(this.viewer);
    const saved =
      article.version === proposal.baseVersion
        ? await this.repository.saveContent(manager, article.id, proposal.baseVersion, proposal.authorId, proposal)
        : null;
    if (!saved) {
      throw conflict(
        `Cette fiche a été modifiée depuis que cette proposition a été faite (proposée sur la version ${proposal.baseVersion}, elle en est à la version ${article.version}) : refusez-la, son auteur·rice pourra la refaire sur le texte actuel.`,
        { currentVersion: article.version },
      );
    }
    this.byId.clear(saved.id).prime(saved.id, saved);
    return saved;
  }

  /** The CONFLICT of an edit made on a version the fiche is no longer at. */
  private async stale(id: string, expectedVersion: number) {
    const current = await this.repository.findByIds([id]);
    return conflict(
      `Cette fiche a été modifiée par quelqu'un d'autre pendant que vous l'éditiez (vous êtes partis de la version ${expectedVersion}, elle en est à la version ${current[0]?.version ?? '?'}). Rechargez-la et reportez vos modifications.`,
      { currentVersion: current[0]?.version ?? null },
    );
  }

  async submit(id: string): Promise<ArticleModel> {
    const article = await this.editable(id);
    if (article.status === 'IN_REVIEW') return toArticleModel(article);
    if (article.status !== 'DRAFT') throw conflict('Seul un brouillon peut être proposé à la relecture.');
    return toArticleModel(await this.repository.setStatus(article.id, 'IN_REVIEW'));
  }

  async publish(id: string): Promise<ArticleModel> {
    requireStaff(this.viewer);
    const article = await this.found(id);
    if (article.status === 'PUBLISHED') return toArticleModel(article);
    const published = await this.reviewNotices.inTransaction(async (manager) => {
      const saved = await this.repository.setStatus(article.id, 'PUBLISHED', manager);
      await this.notifyReviewed(manager, article, 'PUBLISHED');
      return saved;
    });
    this.byId.clear(published.id).prime(published.id, published);
    return toArticleModel(published);
  }

  /**
   * The fiche's authors learn that staff published it or sent it back ('proposal.reviewed', in the change's
   * transaction; the workers read the title and the note back as the system), unless staff decided on their own fiche
   * alone. Only a fiche that was proposed (in review): staff publishing a draft they wrote tell nobody.
   */
  private async notifyReviewed(manager: EntityManager, article: ArticleEntity, decision: 'PUBLISHED' | 'REJECTED'): Promise<void> {
    const me = memberIdOf(this.viewer);
    if (article.status !== 'IN_REVIEW' || !article.authorIds.some((author) => author !== me)) return;
    await this.reviewNotices.notify(manager, article.id, decision, me);
  }

  /**
   * Staff send a fiche in review back to its authors as a draft, saying why (they read it with the fiche, until they
   * submit it again). Only a fiche in review: CONFLICT otherwise.
   */
  async returnToDraft(id: string, reason: string): Promise<ArticleModel> {
    requireStaff(this.viewer);
    const note = (reason ?? '').trim();
    if (!note) throw badInput('Indiquez pourquoi la fiche retourne à ses auteur·rices : ils et elles le liront.', 'reason');
    if (note.length > 2000) throw badInput('Le motif est limité à 2000 caractères.', 'reason');
    const article = await this.found(id);
    const updated = await this.reviewNotices.inTransaction(async (manager) => {
      const saved = await this.repository.returnToDraft(article.id, note, manager);
      if (saved) await this.notifyReviewed(manager, article, 'REJECTED');
      return saved;
    });
    if (!updated) throw conflict("Seule une fiche en relecture peut être renvoyée à ses auteur·rices : celle-ci n'est plus en relecture.");
    this.byId.clear(updated.id).prime(updated.id, updated);
    return toArticleModel(updated);
  }

  /** Why staff sent the fiche back: its authors and staff only. */
  reviewNote(article: ArticleModel): string | null {
    return this.canEdit(article) ? article.reviewNote : null;
  }

  async archive(id: string): Promise<ArticleModel> {
    requireStaff(this.viewer);
    const article = await this.found(id);
    if (article.status === 'ARCHIVED') return toArticleModel(article);
    return toArticleModel(await this.repository.setStatus(article.id, 'ARCHIVED'));
  }

  /** After 'member.erased' (system only). */
  async eraseMember(memberId: string): Promise<boolean> {
    requireSystem(this.viewer);
    if (!isUuid(memberId)) throw badInput("Cet identifiant de membre n'est pas valide.", 'memberId');
    await this.repository.eraseMember(memberId);
    return true;
  }

  /** The fiche the viewer may see, or NOT_FOUND (an unseen fiche is not confirmed to exist). */
  private async found(id: string): Promise<ArticleEntity> {
    const article = isUuid(id) ? await this.byId.load(id) : null;
    if (!article || !this.canSee(article)) throw notFound("Cette fiche du guide n'existe pas.");
    return article;
  }

  private async editable(id: string): Promise<ArticleEntity> {
    if (this.viewer.kind === 'anonymous') throw unauthenticated();
    const article = await this.found(id);
    if (!this.canEdit(article)) throw forbidden('Seul·es les auteur·rices de la fiche et l’équipe d’animation peuvent la modifier.');
    if (article.status === 'ARCHIVED' && !isStaff(this.viewer))
      throw forbidden('Cette fiche est archivée : seule l’équipe d’animation peut la modifier.');
    return article;
  }

  /** The input checked and completed with the current values (for an update). */
  private async content(input: ArticleInput, current: ArticleContentBase | null): Promise<ArticleContent> {
    const title = (input.title ?? current?.title ?? '').trim();
    if (title.length < 3) throw badInput('Le titre de la fiche doit faire au moins 3 caractères.', 'input.title');
    if (title.length > LIMITS.title) throw badInput(`Le titre est limité à ${LIMITS.title} caractères.`, 'input.title');
    const summary = (input.summary ?? current?.summary ?? '').trim();
    if (summary.length > LIMITS.summary) throw badInput(`Le résumé est limité à ${LIMITS.summary} caractères.`, 'input.summary');
    const body = input.body ?? current?.body ?? '';
    if (body.length > LIMITS.body) throw badInput('Le texte de la fiche est trop long.', 'input.body');
    const steps = (input.steps ?? current?.steps ?? []).map((s) => ({ title: s.title.trim(), text: s.text }));
    if (steps.length > LIMITS.steps) throw badInput(`Une fiche compte au plus ${LIMITS.steps} étapes.`, 'input.steps');
    for (const step of steps) {
      if (!step.title) throw badInput('Chaque étape doit avoir un titre.', 'input.steps');
      if (step.title.length > LIMITS.stepTitle || step.text.length > LIMITS.stepText) throw badInput('Une étape est trop longue.', 'input.steps');
    }
    const actorIds = [...new Set(input.actorIds ?? current?.actorIds ?? [])];
    if (actorIds.length > LIMITS.actors) throw badInput(`Une fiche cite au plus ${LIMITS.actors} acteurs.`, 'input.actorIds');
    if (input.actorIds && actorIds.length) {
      const known = new Set(actorIds.every(isUuid) ? (await this.actors.findByIds(actorIds)).map((a) => a.id) : []);
      if (actorIds.some((id) => !known.has(id))) throw badInput("Un des acteurs cités n'existe pas.", 'input.actorIds');
    }
    const communeCodes = input.communeCodes ? validCommuneCodes(input.communeCodes, 'input.communeCodes') : (current?.communeCodes ?? []);
    const bodyText = decodeEntities([markdownToText(body), ...steps.map((s) => `${s.title}. ${markdownToText(s.text)}`)].filter(Boolean).join(' '));
    return {
      title,
      summary,
      body,
      bodyText,
      scales: [...new Set(input.scales ?? current?.scales ?? [])],
      themes: [...new Set(input.themes ?? current?.themes ?? [])],
      steps,
      actorIds,
      communeCodes,
    };
  }
}

/** `base` if free, otherwise the first free `base-N` from 2. */
export function nextSlug(base: string, taken: string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The headline escaped as HTML, its delimiters turned into <mark>. */
function highlight(headline: string): string {
  return escapeHtml(headline).split(MARK_START).join('<mark>').split(MARK_END).join('</mark>');
}
