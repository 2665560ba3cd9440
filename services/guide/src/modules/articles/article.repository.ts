import { In, type DataSource, type Repository } from 'typeorm';
import { ArticleEntity } from './article.entity';

export class ArticleRepository {
  private readonly repo: Repository<ArticleEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(ArticleEntity);
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
}
