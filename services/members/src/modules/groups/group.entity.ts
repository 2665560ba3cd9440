import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type GroupRole = 'ADMIN' | 'MEMBER';
/** PUBLIC: everyone sees the group; MEMBERS: signed-in members (and staff) only. */
export type GroupVisibility = 'PUBLIC' | 'MEMBERS';

/** A collective or association of the network. */
@Entity({ name: 'groups' })
export class GroupEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'search_name', type: 'text' }) searchName!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  @Column({ type: 'text', nullable: true }) website!: string | null;
  @Column({ type: 'text', default: 'PUBLIC' }) visibility!: GroupVisibility;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** HIDDEN by a moderation decision: staff only (modules/moderation). */
  @Column({ name: 'moderation_state', type: 'text', default: 'VISIBLE' }) moderationState!: 'VISIBLE' | 'HIDDEN';
}

@Entity({ name: 'group_memberships' })
export class GroupMembershipEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' }) groupId!: string;
  @PrimaryColumn({ name: 'member_id', type: 'uuid' }) memberId!: string;
  @Column({ type: 'text', default: 'MEMBER' }) role!: GroupRole;
  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' }) joinedAt!: Date;
}
