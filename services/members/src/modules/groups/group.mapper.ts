import type { Connection } from '@metropotes/graphql-kit';
import type { GroupEntity, GroupMembershipEntity } from './group.entity';

export interface GroupModel {
  id: string;
  name: string;
  description: string | null;
  communeCode: string | null;
  website: string | null;
  visibility: GroupEntity['visibility'];
  createdAt: Date;
  /** Shown to staff only (modules/moderation). */
  moderationState?: GroupEntity['moderationState'];
}

export interface GroupMemberModel {
  memberId: string;
  role: GroupMembershipEntity['role'];
  joinedAt: Date;
}

/** A page of groups, its totalCount counted only when asked for. */
export type GroupConnectionModel = Connection<GroupModel>;

export const toGroupModel = (e: GroupEntity): GroupModel => ({
  id: e.id,
  name: e.name,
  description: e.description,
  communeCode: e.communeCode,
  website: e.website,
  visibility: e.visibility,
  createdAt: e.createdAt,
  moderationState: e.moderationState,
});

export const toGroupMemberModel = (e: GroupMembershipEntity): GroupMemberModel => ({
  memberId: e.memberId,
  role: e.role,
  joinedAt: e.joinedAt,
});
