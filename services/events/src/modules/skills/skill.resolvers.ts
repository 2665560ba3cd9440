import type { Resolvers } from '../../generated/resolvers-types';

export const skillResolvers: Resolvers = {
  Query: {
    skills: (_, args, ctx) => ctx.skills.list(args.includeArchived),
    skill: (_, args, ctx) => ctx.skills.get(args.id),
  },
  Mutation: {
    createSkill: (_, args, ctx) => ctx.skills.create(args.input),
    updateSkill: (_, args, ctx) => ctx.skills.update(args.id, args.input),
    archiveSkill: (_, args, ctx) => ctx.skills.archive(args.id),
  },
  Event: {
    skills: (event, _, ctx) => ctx.skills.ofEvent(event.skillIds),
  },
};
