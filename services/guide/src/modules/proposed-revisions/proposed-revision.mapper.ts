import type { Connection } from '@metropotes/graphql-kit';
import type { StepData } from '../articles';
import type { ProposedRevisionEntity } from './proposed-revision.entity';

/** An edit proposed to a published fiche, as the API shows it (to the fiche's authors and staff). */
export interface ProposedRevisionModel {
  id: string;
  articleId: string;
  baseVersion: number;
  authorId: string | null;
  status: ProposedRevisionEntity['status'];
  title: string;
  summary: string;
  body: string;
  scales: string[];
  themes: string[];
  steps: StepData[];
  actorIds: string[];
  communeCodes: string[];
  rejectionReason: string | null;
  reviewedById: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const toProposedRevisionModel = (p: ProposedRevisionEntity): ProposedRevisionModel => ({
  id: p.id,
  articleId: p.articleId,
  baseVersion: p.baseVersion,
  authorId: p.authorId,
  status: p.status,
  title: p.title,
  summary: p.summary,
  body: p.body,
  scales: p.scales,
  themes: p.themes,
  steps: p.steps.map((s) => ({ title: s.title, text: s.text })),
  actorIds: p.actorIds,
  communeCodes: p.communeCodes,
  rejectionReason: p.rejectionReason,
  reviewedById: p.reviewedBy,
  reviewedAt: p.reviewedAt,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/** A page of proposed edits as the service returns it (its `totalCount` counted only when asked). */
export type ProposedRevisionConnectionModel = Connection<ProposedRevisionModel>;
