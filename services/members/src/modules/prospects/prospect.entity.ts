import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ProspectKind = 'PERSON' | 'COLLECTIVE' | 'ASSOCIATION';
export type ProspectStatus = 'SPOTTED' | 'CONTACTED' | 'INTERESTED' | 'JOINED' | 'DECLINED' | 'NOT_NOW';
export type ProspectSourceKind = 'WATCH_ITEM' | 'EVENT' | 'FREE_TEXT';

/** A local actor the staff spotted (in the veille, at an event…) and may invite into the network. */
@Entity({ name: 'prospects' })
export class ProspectEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: ProspectKind;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) themes!: string[];
  /** Personal data: erased on decline-free inactivity (minimisation). */
  @Column({ name: 'contact_email', type: 'text', nullable: true }) contactEmail!: string | null;
  @Column({ name: 'contact_phone', type: 'text', nullable: true }) contactPhone!: string | null;
  @Column({ name: 'contact_website', type: 'text', nullable: true }) contactWebsite!: string | null;
  @Column({ name: 'source_kind', type: 'text' }) sourceKind!: ProspectSourceKind;
  @Column({ name: 'watch_item_id', type: 'uuid', nullable: true }) watchItemId!: string | null;
  @Column({ name: 'event_id', type: 'uuid', nullable: true }) eventId!: string | null;
  @Column({ name: 'source_note', type: 'text', nullable: true }) sourceNote!: string | null;
  @Column({ type: 'text', default: 'SPOTTED' }) status!: ProspectStatus;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'next_step_at', type: 'timestamptz', nullable: true }) nextStepAt!: Date | null;
  @Column({ name: 'joined_member_id', type: 'uuid', nullable: true }) joinedMemberId!: string | null;
  @Column({ name: 'group_id', type: 'uuid', nullable: true }) groupId!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'contacted_at', type: 'timestamptz', nullable: true }) contactedAt!: Date | null;
  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true }) joinedAt!: Date | null;
  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true }) declinedAt!: Date | null;
  @Column({ name: 'contact_erased_at', type: 'timestamptz', nullable: true }) contactErasedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' }) lastActivityAt!: Date;
}

@Entity({ name: 'prospect_notes' })
export class ProspectNoteEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'prospect_id', type: 'uuid' }) prospectId!: string;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** A single-use invitation: only the SHA-256 of its token is kept. */
@Entity({ name: 'prospect_invitations' })
export class ProspectInvitationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'prospect_id', type: 'uuid' }) prospectId!: string;
  @Column({ name: 'token_hash', type: 'text' }) tokenHash!: string;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ name: 'invited_by', type: 'uuid', nullable: true }) invitedBy!: string | null;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
