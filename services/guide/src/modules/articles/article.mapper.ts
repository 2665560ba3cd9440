import type { ArticleEntity } from './article.entity';

export interface ArticleModel {
  id: string;
  slug: string;
  title: string;
  summary: string;
  status: ArticleEntity['status'];
  authorIds: string[];
  updatedAt: Date;
  publishedAt: Date | null;
}

export const toArticleModel = (a: ArticleEntity): ArticleModel => ({
  id: a.id,
  slug: a.slug,
  title: a.title,
  summary: a.summary,
  status: a.status,
  authorIds: a.authorIds,
  updatedAt: a.updatedAt,
  publishedAt: a.publishedAt,
});
