import type { MembersContext } from '../../context';
import type { CommuneModel, TerritoryModel } from './territory.mapper';

interface CommunesArgs {
  search?: string | null;
  territoryCode?: string | null;
  first?: number | null;
}

export const territoryResolvers = {
  Query: {
    communes: (_: unknown, args: CommunesArgs, ctx: MembersContext) => ctx.territories.search(args),
    commune: (_: unknown, args: { code: string }, ctx: MembersContext) => ctx.territories.commune(args.code),
    territories: (_: unknown, __: unknown, ctx: MembersContext) => ctx.territories.territories(),
    territory: (_: unknown, args: { code: string }, ctx: MembersContext) => ctx.territories.territory(args.code),
  },
  Commune: {
    __resolveReference: (ref: { code: string }, ctx: MembersContext) => ctx.territories.commune(ref.code),
    territory: (commune: CommuneModel, _: unknown, ctx: MembersContext) => ctx.territories.territory(commune.territoryCode),
  },
  Territory: {
    __resolveReference: (ref: { code: string }, ctx: MembersContext) => ctx.territories.territory(ref.code),
    communes: (territory: TerritoryModel, _: unknown, ctx: MembersContext) => ctx.territories.communesOf(territory.code),
  },
};
