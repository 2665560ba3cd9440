import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import {
  badInput,
  conflict,
  type Connection,
  decodeCursor,
  groupLoader,
  isUuid,
  notFound,
  pageSize,
  requiredReason,
  requireStaff,
  rowLoader,
  toConnection,
} from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { ArticleModel, ArticleService } from '../articles';
import type { ProposedRevisionEntity } from './proposed-revision.entity';
import { toProposedRevisionModel, type ProposedRevisionModel } from './proposed-revision.mapper';
import type { ProposedRevisionRepository } from './proposed-revision.repository';

const NOT_FOUND_PROPOSAL = 'Cette modification proposée est introuvable.';

/**
 * Edits members proposed to published fiches: seen by the fiche's authors and staff members, approved or rejected by
 * staff. Approving saves the edit as it would have been saved (ArticleService.applyApproved). One instance per request.
 */
export class ProposedRevisionService {
  private readonly byId: DataLoader<string, ProposedRevisionEntity | null>;
  private readonly pendingByArticle: DataLoader<string, ProposedRevisionEntity | null>;
  private readonly allByArticle: DataLoader<string, ProposedRevisionEntity[]>;

  constructor(
    private readonly repository: ProposedRevisionRepository,
    private readonly articles: ArticleService,
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (p) => p.id,
    );
    this.pendingByArticle = rowLoader(
      (ids) => repository.pendingOf(ids),
      (p) => p.articleId,
    );
    this.allByArticle = groupLoader(
      (ids) => repository.allOf(ids),
      (p) => p.articleId,
    );
  }

  /** The fiche's authors and staff members (not the platform's system viewer: proposals are for people to review). */
  private mayRead(article: ArticleModel): boolean {
    if (this.viewer.kind !== 'member') return false;
    return isStaff(this.viewer) || article.authorIds.includes(this.viewer.memberId);
  }

  async pendingOf(article: ArticleModel): Promise<ProposedRevisionModel | null> {
    if (!this.mayRead(article)) return null;
    const row = await this.pendingByArticle.load(article.id);
    return row ? toProposedRevisionModel(row) : null;
  }

  async allOf(article: ArticleModel): Promise<ProposedRevisionModel[]> {
    if (!this.mayRead(article)) return [];
    return (await this.allByArticle.load(article.id)).map(toProposedRevisionModel);
  }

  articleOf(proposal: ProposedRevisionModel): Promise<ArticleModel | null> {
    return this.articles.visible({ id: proposal.articleId });
  }

  async toReview(first: number | null | undefined, after: string | null | undefined): Promise<Connection<ProposedRevisionModel>> {
    requireStaff(this.viewer);
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    let position: { createdAt: Date; id: string } | null = null;
    if (cursor) {
      const createdAt = new Date(String(cursor[0]));
      if (Number.isNaN(createdAt.getTime()) || !isUuid(cursor[1])) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
      position = { createdAt, id: cursor[1] as string };
    }
    const rows = await this.repository.toReview(position, limit);
    for (const row of rows) this.byId.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      (p) => [new Date(p.createdAt).toISOString(), p.id],
      toProposedRevisionModel,
      () => this.repository.countToReview(),
    );
  }

  /** Staff: the proposed edit goes live (idempotent once approved); CONFLICT when the fiche changed since. */
  async approve(id: string): Promise<ProposedRevisionModel> {
    requireStaff(this.viewer);
    const found = isUuid(id) ? await this.byId.load(id) : null;
    if (!found) throw notFound(NOT_FOUND_PROPOSAL);
    const reviewed = await this.dataSource.transaction(async (manager) => {
      // The fiche first, as an edit locks it: then the proposal, which an edit may have replaced meanwhile.
      const article = await this.articles.lockForReview(manager, found.articleId);
      const proposal = await this.repository.lock(manager, found.id);
      if (!proposal) throw notFound(NOT_FOUND_PROPOSAL);
      if (proposal.status === 'APPROVED') return proposal;
      if (proposal.status === 'REJECTED') throw conflict('Cette modification a déjà été refusée : elle ne peut plus être acceptée.');
      await this.articles.applyApproved(manager, article, proposal);
      return this.repository.review(manager, proposal.id, 'APPROVED', memberIdOf(this.viewer), null);
    });
    this.forget(reviewed);
    return toProposedRevisionModel(reviewed);
  }

  /** Staff: the proposed edit is dropped, with a reason the fiche's authors read; the fiche stays as it is. */
  async reject(id: string, reason: string): Promise<ProposedRevisionModel> {
    requireStaff(this.viewer);
    const text = requiredReason(reason);
    const reviewed = await this.dataSource.transaction(async (manager) => {
      const proposal = isUuid(id) ? await this.repository.lock(manager, id) : null;
      if (!proposal) throw notFound(NOT_FOUND_PROPOSAL);
      if (proposal.status === 'REJECTED') return proposal;
      if (proposal.status === 'APPROVED') throw conflict('Cette modification a déjà été acceptée : elle ne peut plus être refusée.');
      return this.repository.review(manager, proposal.id, 'REJECTED', memberIdOf(this.viewer), text);
    });
    this.forget(reviewed);
    return toProposedRevisionModel(reviewed);
  }

  private forget(proposal: ProposedRevisionEntity): void {
    this.byId.clear(proposal.id).prime(proposal.id, proposal);
    this.pendingByArticle.clear(proposal.articleId);
    this.allByArticle.clear(proposal.articleId);
  }
}
