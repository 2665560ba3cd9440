import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import { isUuid, rowLoader } from '@metropotes/graphql-kit';
import DataLoader from 'dataloader';
import type { ArticleEntity } from './article.entity';
import { toArticleModel, type ArticleModel } from './article.mapper';
import type { ArticleRepository } from './article.repository';

/** Who sees which fiche. One instance per request. */
export class ArticleService {
  private readonly byId: DataLoader<string, ArticleEntity | null>;
  private readonly byAuthor: DataLoader<string, ArticleEntity[]>;

  constructor(
    private readonly repository: ArticleRepository,
    private readonly viewer: Viewer,
  ) {
    this.byId = rowLoader((ids) => repository.findByIds(ids), (a) => a.id);
    this.byAuthor = new DataLoader(async (authorIds: readonly string[]) => {
      const rows = await repository.findByAuthors(authorIds);
      return authorIds.map((id) => rows.filter((a) => a.authorIds.includes(id)));
    });
  }

  canSee(article: ArticleEntity): boolean {
    if (article.status === 'PUBLISHED') return true;
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
}
