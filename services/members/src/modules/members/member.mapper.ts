import type { MemberEntity } from './member.entity';

/** What the GraphQL layer sees of a member (never the entity itself). */
export interface MemberModel {
  id: string;
  displayName: string;
  email: string | null;
  role: MemberEntity['role'];
  communeCode: string | null;
  neighbourhood: string | null;
  interests: string[];
  skills: string[];
  bio: string | null;
  avatarUrl: string | null;
  profileVisibility: MemberEntity['profileVisibility'];
  welcomeStatus: MemberEntity['welcomeStatus'];
  joinedAt: Date;
  deleted: boolean;
}

export function toMemberModel(entity: MemberEntity): MemberModel {
  return {
    id: entity.id,
    displayName: entity.displayName,
    email: entity.email,
    role: entity.role,
    communeCode: entity.communeCode,
    neighbourhood: entity.neighbourhood,
    interests: entity.interests,
    skills: entity.skills,
    bio: entity.bio,
    avatarUrl: entity.avatarUrl,
    profileVisibility: entity.profileVisibility,
    welcomeStatus: entity.welcomeStatus,
    joinedAt: entity.joinedAt,
    deleted: entity.deletedAt !== null,
  };
}
