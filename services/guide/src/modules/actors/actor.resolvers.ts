import type { Resolvers } from '../../generated/resolvers-types';

export const actorResolvers: Resolvers = {
  Query: {
    actors: (_, args, ctx) => ctx.actors.list(args.filter, args.first, args.after),
    actor: (_, args, ctx) => ctx.actors.one(args.id),
  },
  Mutation: {
    createActor: (_, args, ctx) => ctx.actors.create(args.input),
    updateActor: (_, args, ctx) => ctx.actors.update(args.id, args.input),
  },
  Actor: {
    __resolveReference: (ref, ctx) => ctx.actors.one(ref.id),
    commune: (actor) => (actor.communeCode ? { __typename: 'Commune', code: actor.communeCode } : null),
  },
};
