import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A skill an atelier or a formation develops (issue #19). Archived, never deleted: events keep referring to it. */
@Entity({ name: 'skills' })
export class SkillEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  /** Set once staff archive it: no longer offered for events. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** The columns a skill is read with, aliased to the entity's property names (raw SQL). */
export const SKILL_COLUMNS = `s.id, s.name, s.description, s.archived_at AS "archivedAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;
