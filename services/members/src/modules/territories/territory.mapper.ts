import type { CommuneEntity, TerritoryEntity } from './commune.entity';

export interface CommuneModel {
  code: string;
  name: string;
  postalCodes: string[];
  department: string;
  population: number | null;
  territoryCode: string | null;
  inMetropole: boolean;
}

export interface TerritoryModel {
  code: string;
  name: string;
}

export const toCommuneModel = (e: CommuneEntity): CommuneModel => ({
  code: e.code,
  name: e.name,
  postalCodes: e.postalCodes,
  department: e.department,
  population: e.population,
  territoryCode: e.territoryCode,
  inMetropole: e.inMetropole,
});

export const toTerritoryModel = (e: TerritoryEntity): TerritoryModel => ({ code: e.code, name: e.name });
