import type { Resolvers } from '../../generated/resolvers-types';

export const trainingResolvers: Resolvers = {
  Member: {
    skillsGained: (member, _, ctx) => ctx.training.skillsGained(member),
    trainingPath: (member, _, ctx) => ctx.training.trainingPath(member),
  },
  TrainingPath: {
    events: (path, _, ctx) => ctx.training.pathEvents(path),
    skillsGained: (path, _, ctx) => ctx.training.pathSkills(path),
    suggestions: (path, _, ctx) => ctx.training.suggestions(path),
  },
};
