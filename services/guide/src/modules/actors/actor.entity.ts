import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ACTOR_KINDS = [
  'MAIRIE',
  'CONSEIL_DE_QUARTIER',
  'CONSEIL_CITOYEN',
  'EPT',
  'METROPOLE',
  'DEPARTEMENT',
  'REGION',
  'PREFECTURE',
  'ASSOCIATION',
  'AUTRE',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** An institution or organisation of public life the guide points to. */
@Entity({ name: 'actors' })
export class ActorEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) kind!: ActorKind;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) scale!: string;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  @Column({ type: 'text', nullable: true }) website!: string | null;
  @Column({ type: 'text', nullable: true }) contact!: string | null;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
