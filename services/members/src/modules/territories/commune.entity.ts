import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An Île-de-France commune (reference data loaded by a migration). */
@Entity({ name: 'communes' })
export class CommuneEntity {
  /** INSEE code. */
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  /** The name folded for search: "l ile saint denis". */
  @Column({ name: 'search_name', type: 'text' }) searchName!: string;
  @Column({ name: 'postal_codes', type: 'text', array: true }) postalCodes!: string[];
  @Column({ type: 'text' }) department!: string;
  @Column({ type: 'integer', nullable: true }) population!: number | null;
  @Column({ name: 'territory_code', type: 'text', nullable: true }) territoryCode!: string | null;
  @Column({ name: 'in_metropole', type: 'boolean' }) inMetropole!: boolean;
}

/** A territory of the Métropole du Grand Paris: one of the 11 EPT, or Paris. */
@Entity({ name: 'territories' })
export class TerritoryEntity {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'search_name', type: 'text' }) searchName!: string;
}
