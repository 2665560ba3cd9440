import type { Connection } from '@metropotes/graphql-kit';
import type { ProspectEntity, ProspectKind, ProspectNoteEntity, ProspectSourceKind, ProspectStatus } from './prospect.entity';

export interface ProspectModel {
  id: string;
  name: string;
  kind: ProspectKind;
  communeCode: string | null;
  themes: string[];
  contact: { email: string | null; phone: string | null; website: string | null } | null;
  source: { kind: ProspectSourceKind; watchItemId: string | null; eventId: string | null; note: string | null };
  status: ProspectStatus;
  ownerId: string | null;
  nextStepAt: Date | null;
  joinedMemberId: string | null;
  groupId: string | null;
  createdAt: Date;
  lastActivityAt: Date;
}

export interface ProspectNoteModel {
  authorId: string | null;
  text: string;
  at: Date;
}

/** A page of prospects, its totalCount counted only when asked for. */
export type ProspectConnectionModel = Connection<ProspectModel>;

export const toProspectModel = (e: ProspectEntity): ProspectModel => ({
  id: e.id,
  name: e.name,
  kind: e.kind,
  communeCode: e.communeCode,
  themes: e.themes,
  contact: e.contactEmail || e.contactPhone || e.contactWebsite ? { email: e.contactEmail, phone: e.contactPhone, website: e.contactWebsite } : null,
  source: { kind: e.sourceKind, watchItemId: e.watchItemId, eventId: e.eventId, note: e.sourceNote },
  status: e.status,
  ownerId: e.ownerId,
  nextStepAt: e.nextStepAt,
  joinedMemberId: e.joinedMemberId,
  groupId: e.groupId,
  createdAt: e.createdAt,
  lastActivityAt: e.lastActivityAt,
});

export const toProspectNoteModel = (e: ProspectNoteEntity): ProspectNoteModel => ({ authorId: e.authorId, text: e.text, at: e.createdAt });
