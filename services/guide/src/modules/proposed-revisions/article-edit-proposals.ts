import type { Viewer } from '@metropotes/auth';
import { requireMember } from '@metropotes/graphql-kit';
import type { EntityManager } from 'typeorm';
import type { ArticleContent, ArticleContentBase, ArticleEditReview, ArticleEntity } from '../articles';
import type { ProposedRevisionRepository } from './proposed-revision.repository';

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether a proposed content is the fiche's own (every change taken back). */
function sameContent(c: ArticleContent, a: ArticleContentBase): boolean {
  return (
    c.title === a.title &&
    c.summary === a.summary &&
    c.body === a.body &&
    c.steps.length === a.steps.length &&
    c.steps.every((s, i) => s.title === a.steps[i]!.title && s.text === a.steps[i]!.text) &&
    sameList(c.scales, a.scales) &&
    sameList(c.themes, a.themes) &&
    sameList(c.actorIds, a.actorIds) &&
    sameList(c.communeCodes, a.communeCodes)
  );
}

/**
 * Records a member's edit of a published fiche as its pending revision (ArticleService.update calls it, in its
 * transaction holding the fiche's row lock, after checking the edit's version). A later edit builds on the pending
 * revision and replaces it; an edit that takes every change back withdraws it.
 */
export class ArticleEditProposals implements ArticleEditReview {
  constructor(
    private readonly repository: ProposedRevisionRepository,
    private readonly viewer: Viewer,
  ) {}

  async propose(
    manager: Pick<EntityManager, 'query'>,
    article: ArticleEntity,
    build: (base: ArticleContentBase) => Promise<ArticleContent>,
  ): Promise<void> {
    const authorId = requireMember(this.viewer);
    const pending = await this.repository.lockPending(manager, article.id);
    const content = await build(pending ?? article);
    if (sameContent(content, article)) {
      if (pending) await this.repository.withdraw(manager, pending.id);
      return;
    }
    if (pending) await this.repository.replace(manager, pending.id, article.version, authorId, content);
    else await this.repository.insert(manager, article.id, article.version, authorId, content);
  }
}
