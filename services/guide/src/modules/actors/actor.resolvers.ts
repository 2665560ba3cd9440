import type { GuideContext } from '../../context';
import type { ActorModel } from './actor.mapper';
import type { ActorFilter, ActorInput } from './actor.service';

export const actorResolvers = {
  Query: {
    actors: (_: unknown, args: { filter?: ActorFilter; first?: number; after?: string }, ctx: GuideContext) =>
      ctx.actors.list(args.filter, args.first, args.after),
    actor: (_: unknown, args: { id: string }, ctx: GuideContext) => ctx.actors.one(args.id),
  },
  Mutation: {
    createActor: (_: unknown, args: { input: ActorInput }, ctx: GuideContext) => ctx.actors.create(args.input),
    updateActor: (_: unknown, args: { id: string; input: ActorInput }, ctx: GuideContext) => ctx.actors.update(args.id, args.input),
  },
  Actor: {
    __resolveReference: (ref: { id: string }, ctx: GuideContext) => ctx.actors.one(ref.id),
    commune: (actor: ActorModel) => (actor.communeCode ? { __typename: 'Commune', code: actor.communeCode } : null),
  },
};
