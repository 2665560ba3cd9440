import { In, type DataSource, type Repository } from 'typeorm';
import { CommuneEntity, TerritoryEntity } from './commune.entity';

export interface CommuneSearch {
  /** Already folded (foldName). */
  words?: string | null;
  /** Digits: a postal code or its beginning. */
  postalCode?: string | null;
  territoryCode?: string | null;
  limit: number;
}

export class TerritoryRepository {
  private readonly communes: Repository<CommuneEntity>;
  private readonly territories: Repository<TerritoryEntity>;

  constructor(dataSource: DataSource) {
    this.communes = dataSource.getRepository(CommuneEntity);
    this.territories = dataSource.getRepository(TerritoryEntity);
  }

  communesByCodes(codes: readonly string[]): Promise<CommuneEntity[]> {
    return this.communes.findBy({ code: In([...codes]) });
  }

  communesOfTerritories(codes: readonly string[]): Promise<CommuneEntity[]> {
    return this.communes.find({ where: { territoryCode: In([...codes]) }, order: { searchName: 'ASC' } });
  }

  territoriesByCodes(codes: readonly string[]): Promise<TerritoryEntity[]> {
    return this.territories.findBy({ code: In([...codes]) });
  }

  allTerritories(): Promise<TerritoryEntity[]> {
    return this.territories.find({ order: { searchName: 'ASC' } });
  }

  /** Communes whose name has a word starting with `words`, or whose postal code starts with `postalCode`. */
  searchCommunes(search: CommuneSearch): Promise<CommuneEntity[]> {
    const qb = this.communes.createQueryBuilder('c');
    if (search.words) {
      qb.andWhere(`(' ' || c.search_name) LIKE :pattern`, { pattern: `% ${escapeLike(search.words)}%` });
      // Names that start with the words first ("saint denis" → Saint-Denis before Épinay-sur-Seine...).
      qb.addOrderBy(`CASE WHEN c.search_name LIKE :prefix THEN 0 ELSE 1 END`, 'ASC');
      qb.setParameter('prefix', `${escapeLike(search.words)}%`);
    }
    if (search.postalCode) {
      if (search.postalCode.length === 5) {
        qb.andWhere('(c.postal_codes @> ARRAY[:postal]::text[] OR c.code = :postal)', { postal: search.postalCode });
      } else {
        qb.andWhere(`EXISTS (SELECT 1 FROM unnest(c.postal_codes) AS p WHERE p LIKE :postalPrefix)`, {
          postalPrefix: `${search.postalCode}%`,
        });
      }
    }
    if (search.territoryCode) qb.andWhere('c.territory_code = :territory', { territory: search.territoryCode });
    return qb.addOrderBy('c.population', 'DESC', 'NULLS LAST').addOrderBy('c.search_name', 'ASC').limit(search.limit).getMany();
  }
}

export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
