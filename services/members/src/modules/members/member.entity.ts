import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MemberRole } from '@metropotes/auth';

export type ProfileVisibility = 'PUBLIC' | 'MEMBERS' | 'STAFF';
export type WelcomeStatus = 'NEW' | 'WELCOMED';
export type DigestFrequency = 'WEEKLY' | 'MONTHLY' | 'NONE';

@Entity({ name: 'members' })
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Lower-cased; null once the account is erased. */
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true }) emailVerifiedAt!: Date | null;
  @Column({ name: 'password_hash', type: 'text', nullable: true }) passwordHash!: string | null;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  /** The display name folded for search (foldName): kept in step with displayName. */
  @Column({ name: 'search_name', type: 'text', default: '' }) searchName!: string;
  @Column({ type: 'text', nullable: true }) bio!: string | null;
  @Column({ name: 'avatar_url', type: 'text', nullable: true }) avatarUrl!: string | null;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  @Column({ type: 'text', nullable: true }) neighbourhood!: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) interests!: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) skills!: string[];
  @Column({ name: 'profile_visibility', type: 'text', default: 'MEMBERS' }) profileVisibility!: ProfileVisibility;
  /** Whether members other than staff may read the events this member attended (events' `Member.attendedEvents`). */
  @Column({ name: 'show_attended_events', type: 'boolean', default: false }) showAttendedEvents!: boolean;
  @Column({ type: 'text', default: 'MEMBER' }) role!: MemberRole;
  @Column({ name: 'welcome_status', type: 'text', default: 'NEW' }) welcomeStatus!: WelcomeStatus;
  @Column({ name: 'welcomed_at', type: 'timestamptz', nullable: true }) welcomedAt!: Date | null;
  @Column({ name: 'welcomed_by', type: 'uuid', nullable: true }) welcomedBy!: string | null;
  @Column({ name: 'welcome_note', type: 'text', nullable: true }) welcomeNote!: string | null;
  @Column({ name: 'buddy_id', type: 'uuid', nullable: true }) buddyId!: string | null;
  @Column({ name: 'digest_frequency', type: 'text', default: 'WEEKLY' }) digestFrequency!: DigestFrequency;
  @Column({ name: 'followed_communes', type: 'text', array: true, default: () => "'{}'" }) followedCommunes!: string[];
  /** Null: the default, the territory of the member's commune. */
  @Column({ name: 'followed_territories', type: 'text', array: true, nullable: true }) followedTerritories!: string[] | null;
  @Column({ name: 'followed_themes', type: 'text', array: true, default: () => "'{}'" }) followedThemes!: string[];
  /** The scales of the guide followed in the digest; empty: every scale. */
  @Column({ name: 'followed_scales', type: 'text', array: true, default: () => "'{}'" }) followedScales!: string[];
  @Column({ name: 'event_reminders', type: 'boolean', default: true }) eventReminders!: boolean;
  /** Staff and admins: the daily digest of what waits for the team (on unless turned off). */
  @Column({ name: 'staff_digest', type: 'boolean', default: true }) staffDigest!: boolean;
  /** E-mails of the newcomers' follow-up: the nudge of a newcomer who has not come yet, the note to their buddy. */
  @Column({ name: 'welcome_follow_up', type: 'boolean', default: true }) welcomeFollowUp!: boolean;
  /** The earliest start of an event where the member was marked PRESENT (events, copied by the workers). */
  @Column({ name: 'first_participation_at', type: 'timestamptz', nullable: true }) firstParticipationAt!: Date | null;
  /** When the workers handled the one nudge of this newcomer (e-mail sent or refused by a preference). */
  @Column({ name: 'nudged_at', type: 'timestamptz', nullable: true }) nudgedAt!: Date | null;
  @Column({ name: 'charter_accepted_at', type: 'timestamptz' }) charterAcceptedAt!: Date;
  @Column({ name: 'suspended_until', type: 'timestamptz', nullable: true }) suspendedUntil!: Date | null;
  @Column({ name: 'banned_at', type: 'timestamptz', nullable: true }) bannedAt!: Date | null;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  /** HIDDEN by a moderation decision: seen like a STAFF-visibility profile (modules/moderation). */
  @Column({ name: 'moderation_state', type: 'text', default: 'VISIBLE' }) moderationState!: 'VISIBLE' | 'HIDDEN';
  /** Goes up when older access tokens must stop working (modules/accounts/session-versions.ts). */
  @Column({ name: 'session_version', type: 'integer', default: 0 }) sessionVersion!: number;
  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' }) joinedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
