import { groupLoader, pageSize, rowLoader } from '@metropotes/graphql-kit';
import { foldName } from '@metropotes/territories';
import type DataLoader from 'dataloader';
import type { CommuneEntity, TerritoryEntity } from './commune.entity';
import { toCommuneModel, toTerritoryModel, type CommuneModel, type TerritoryModel } from './territory.mapper';
import type { TerritoryRepository } from './territory.repository';

/** Communes and territories (public reference data). One instance per request. */
export class TerritoryService {
  private readonly communeByCode: DataLoader<string, CommuneEntity | null>;
  private readonly territoryByCode: DataLoader<string, TerritoryEntity | null>;
  private readonly communesByTerritory: DataLoader<string, CommuneEntity[]>;

  constructor(private readonly repository: TerritoryRepository) {
    this.communeByCode = rowLoader(
      (codes) => repository.communesByCodes(codes),
      (row) => row.code,
    );
    this.territoryByCode = rowLoader(
      (codes) => repository.territoriesByCodes(codes),
      (row) => row.code,
    );
    this.communesByTerritory = groupLoader(
      (codes) => repository.communesOfTerritories(codes),
      (row) => row.territoryCode!,
    );
  }

  async commune(code: string | null | undefined): Promise<CommuneModel | null> {
    if (typeof code !== 'string' || !code) return null;
    const entity = await this.communeByCode.load(code);
    return entity ? toCommuneModel(entity) : null;
  }

  async communesByCodes(codes: readonly string[]): Promise<CommuneModel[]> {
    const found = await this.communeByCode.loadMany([...codes]);
    return found.filter((c): c is CommuneEntity => !!c && !(c instanceof Error)).map(toCommuneModel);
  }

  async territory(code: string | null | undefined): Promise<TerritoryModel | null> {
    if (typeof code !== 'string' || !code) return null;
    const entity = await this.territoryByCode.load(code);
    return entity ? toTerritoryModel(entity) : null;
  }

  /** A territory of the Métropole's list (@metropotes/territories), which the reference data always holds. */
  async knownTerritory(code: string): Promise<TerritoryModel> {
    const territory = await this.territory(code);
    if (!territory) throw new Error(`Territory ${code} is missing from members.territories (migrations seed all of them).`);
    return territory;
  }

  async territoriesByCodes(codes: readonly string[]): Promise<TerritoryModel[]> {
    const found = await this.territoryByCode.loadMany([...codes]);
    return found.filter((t): t is TerritoryEntity => !!t && !(t instanceof Error)).map(toTerritoryModel);
  }

  async territories(): Promise<TerritoryModel[]> {
    return (await this.repository.allTerritories()).map(toTerritoryModel);
  }

  async communesOf(territoryCode: string): Promise<CommuneModel[]> {
    return (await this.communesByTerritory.load(territoryCode)).map(toCommuneModel);
  }

  /** Accent- and case-insensitive prefix search on names; digits search postal codes (and INSEE codes). */
  async search(args: { search?: string | null; territoryCode?: string | null; first?: number | null }): Promise<CommuneModel[]> {
    const limit = pageSize(args.first);
    const text = (args.search ?? '').trim();
    const digits = /^\d{2,5}$/.test(text) ? text : null;
    const words = digits ? null : foldName(text);
    if (text && !digits && !words) return [];
    const rows = await this.repository.searchCommunes({
      words: words || null,
      postalCode: digits,
      territoryCode: args.territoryCode || null,
      limit,
    });
    return rows.map(toCommuneModel);
  }
}
