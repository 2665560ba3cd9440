import type { Connection } from '@metropotes/graphql-kit';
import type { MemberEntity } from './member.entity';

export interface NotificationPreferencesModel {
  digestFrequency: MemberEntity['digestFrequency'];
  followedCommuneCodes: string[];
  /** Null: the default (the territory of the member's commune). */
  followedTerritoryCodes: string[] | null;
  followedThemes: string[];
  /** Empty: every scale. */
  followedScales: string[];
  eventReminders: boolean;
  staffDigest: boolean;
  /** The newcomers' follow-up e-mails (the nudge, the note to a buddy). */
  welcomeFollowUp: boolean;
}

/** What the GraphQL layer sees of a member (never the entity itself). */
export interface MemberModel {
  id: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  role: MemberEntity['role'];
  communeCode: string | null;
  neighbourhood: string | null;
  interests: string[];
  skills: string[];
  bio: string | null;
  avatarUrl: string | null;
  profileVisibility: MemberEntity['profileVisibility'];
  showAttendedEvents: boolean;
  welcomeStatus: MemberEntity['welcomeStatus'];
  welcomedAt: Date | null;
  welcomedById: string | null;
  welcomeNote: string | null;
  buddyId: string | null;
  notificationPreferences: NotificationPreferencesModel;
  joinedAt: Date;
  /** The earliest start of an event the member was marked PRESENT at (events, copied by the workers). */
  firstParticipationAt: Date | null;
  deleted: boolean;
  /** Shown to staff only (modules/moderation). */
  moderationState?: MemberEntity['moderationState'];
}

/** A member's notification preferences as the GraphQL layer resolves them: with their member (followed territories' default). */
export type NotificationPreferencesParent = NotificationPreferencesModel & { member: MemberModel };

/** A page of members (the directory, the newcomers), its totalCount counted only when asked for. */
export type MemberConnectionModel = Connection<MemberModel>;

export const ERASED_DISPLAY_NAME = 'Ancien membre';

export function toMemberModel(entity: MemberEntity): MemberModel {
  return {
    id: entity.id,
    displayName: entity.displayName,
    email: entity.email,
    emailVerified: entity.emailVerifiedAt !== null,
    role: entity.role,
    communeCode: entity.communeCode,
    neighbourhood: entity.neighbourhood,
    interests: entity.interests,
    skills: entity.skills,
    bio: entity.bio,
    avatarUrl: entity.avatarUrl,
    profileVisibility: entity.profileVisibility,
    showAttendedEvents: entity.showAttendedEvents,
    welcomeStatus: entity.welcomeStatus,
    welcomedAt: entity.welcomedAt,
    welcomedById: entity.welcomedBy,
    welcomeNote: entity.welcomeNote,
    buddyId: entity.buddyId,
    notificationPreferences: {
      digestFrequency: entity.digestFrequency,
      followedCommuneCodes: entity.followedCommunes,
      followedTerritoryCodes: entity.followedTerritories,
      followedThemes: entity.followedThemes,
      followedScales: entity.followedScales,
      eventReminders: entity.eventReminders,
      staffDigest: entity.staffDigest,
      welcomeFollowUp: entity.welcomeFollowUp,
    },
    joinedAt: entity.joinedAt,
    firstParticipationAt: entity.firstParticipationAt,
    deleted: entity.deletedAt !== null,
    moderationState: entity.moderationState,
  };
}

/** An erased account as other services' references show it: a name and nothing else. */
export function toErasedMemberModel(entity: MemberEntity): MemberModel {
  return {
    ...toMemberModel(entity),
    displayName: ERASED_DISPLAY_NAME,
    email: null,
    emailVerified: false,
    communeCode: null,
    neighbourhood: null,
    interests: [],
    skills: [],
    bio: null,
    avatarUrl: null,
    showAttendedEvents: false,
    welcomeNote: null,
    buddyId: null,
    welcomedById: null,
    firstParticipationAt: null,
  };
}
