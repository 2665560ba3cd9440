import type { EventsContext } from '../../context';
import type { TrainingPathModel } from './training.service';

type MemberRef = { id: string; showAttendedEvents?: boolean | null };

export const trainingResolvers = {
  Member: {
    skillsGained: (member: MemberRef, _: unknown, ctx: EventsContext) => ctx.training.skillsGained(member),
    trainingPath: (member: MemberRef, _: unknown, ctx: EventsContext) => ctx.training.trainingPath(member),
  },
  TrainingPath: {
    events: (path: TrainingPathModel, _: unknown, ctx: EventsContext) => ctx.training.pathEvents(path),
    skillsGained: (path: TrainingPathModel, _: unknown, ctx: EventsContext) => ctx.training.pathSkills(path),
    suggestions: (path: TrainingPathModel, _: unknown, ctx: EventsContext) => ctx.training.suggestions(path),
  },
};
