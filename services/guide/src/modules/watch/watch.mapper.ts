import type { Connection } from '@metropotes/graphql-kit';
import type { WatchItemEntity, WatchSourceEntity } from './watch.entity';

export interface WatchSourceModel {
  id: string;
  name: string;
  feedUrl: string;
  themes: string[];
  communeCodes: string[];
  active: boolean;
  lastFetchedAt: Date | null;
  lastError: string | null;
}

export interface WatchItemModel {
  id: string;
  title: string;
  url: string;
  summary: string;
  sourceId: string | null;
  publishedAt: Date;
  communeCodes: string[];
  themes: string[];
  status: WatchItemEntity['status'];
  /** When the staff selected it (null unless SELECTED). */
  selectedAt: Date | null;
  curatedById: string | null;
  curationNote: string | null;
  submittedById: string | null;
  /** Shown to staff only (modules/moderation). */
  moderationState?: WatchItemEntity['moderationState'];
}

export const toWatchSourceModel = (s: WatchSourceEntity): WatchSourceModel => ({
  id: s.id,
  name: s.name,
  feedUrl: s.feedUrl,
  themes: s.themes,
  communeCodes: s.communeCodes,
  active: s.active,
  lastFetchedAt: s.lastFetchedAt,
  lastError: s.lastError,
});

export const toWatchItemModel = (i: WatchItemEntity): WatchItemModel => ({
  id: i.id,
  title: i.title,
  url: i.url,
  summary: i.summary,
  sourceId: i.sourceId,
  publishedAt: i.publishedAt,
  communeCodes: i.communeCodes,
  themes: i.themes,
  status: i.status,
  selectedAt: i.status === 'SELECTED' ? i.curatedAt : null,
  curatedById: i.curatedBy,
  curationNote: i.curationNote,
  submittedById: i.submittedBy,
  moderationState: i.moderationState,
});

/** A page of veille items as the service returns it (its `totalCount` counted only when asked). */
export type WatchItemConnectionModel = Connection<WatchItemModel>;
