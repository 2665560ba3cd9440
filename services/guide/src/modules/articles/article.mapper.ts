import type { Connection } from '@metropotes/graphql-kit';
import type { ArticleEntity, StepData } from './article.entity';
import type { RevisionEntity } from './revision.entity';

export interface ArticleModel {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  scales: string[];
  themes: string[];
  steps: StepData[];
  actorIds: string[];
  communeCodes: string[];
  status: ArticleEntity['status'];
  authorIds: string[];
  version: number;
  updatedAt: Date;
  publishedAt: Date | null;
  /** For the fiche's authors and staff only (GuideArticle.reviewNote checks). */
  reviewNote: string | null;
  /** Shown to staff only (modules/moderation). */
  moderationState?: ArticleEntity['moderationState'];
}

export interface RevisionModel {
  id: string;
  version: number;
  title: string;
  summary: string;
  body: string;
  steps: StepData[];
  editedById: string | null;
  editedAt: Date;
}

export const toArticleModel = (a: ArticleEntity): ArticleModel => ({
  id: a.id,
  slug: a.slug,
  title: a.title,
  summary: a.summary,
  body: a.body,
  scales: a.scales,
  themes: a.themes,
  steps: a.steps.map((s) => ({ title: s.title, text: s.text })),
  actorIds: a.actorIds,
  communeCodes: a.communeCodes,
  status: a.status,
  authorIds: a.authorIds,
  version: a.version,
  updatedAt: a.updatedAt,
  publishedAt: a.publishedAt,
  reviewNote: a.reviewNote ?? null,
  moderationState: a.moderationState,
});

export const toRevisionModel = (r: RevisionEntity): RevisionModel => ({
  id: r.id,
  version: r.version,
  title: r.title,
  summary: r.summary,
  body: r.body,
  steps: r.steps.map((s) => ({ title: s.title, text: s.text })),
  editedById: r.editedBy,
  editedAt: r.editedAt,
});

/** A page of fiches as the service returns it (its `totalCount` counted only when asked). */
export type ArticleConnectionModel = Connection<ArticleModel>;

/** A step of a fiche, as the resolvers of `GuideStep` get it. */
export type StepModel = StepData;
