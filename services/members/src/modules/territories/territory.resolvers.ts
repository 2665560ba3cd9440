import type { Resolvers } from '../../generated/resolvers-types';

export const territoryResolvers: Resolvers = {
  Query: {
    communes: (_, args, ctx) => ctx.territories.search(args),
    commune: (_, args, ctx) => ctx.territories.commune(args.code),
    territories: (_, __, ctx) => ctx.territories.territories(),
    territory: (_, args, ctx) => ctx.territories.territory(args.code),
  },
  Commune: {
    __resolveReference: (ref, ctx) => ctx.territories.commune(ref.code),
    territory: (commune, _, ctx) => ctx.territories.territory(commune.territoryCode),
  },
  Territory: {
    __resolveReference: (ref, ctx) => ctx.territories.territory(ref.code),
    communes: (territory, _, ctx) => ctx.territories.communesOf(territory.code),
  },
};
