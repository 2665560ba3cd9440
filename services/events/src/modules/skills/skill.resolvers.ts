import type { EventsContext } from '../../context';
import type { EventModel } from '../events';
import type { SkillInput, UpdateSkillInput } from './skill.service';

export const skillResolvers = {
  Query: {
    skills: (_: unknown, args: { includeArchived?: boolean | null }, ctx: EventsContext) => ctx.skills.list(args.includeArchived),
    skill: (_: unknown, args: { id: string }, ctx: EventsContext) => ctx.skills.get(args.id),
  },
  Mutation: {
    createSkill: (_: unknown, args: { input: SkillInput }, ctx: EventsContext) => ctx.skills.create(args.input),
    updateSkill: (_: unknown, args: { id: string; input: UpdateSkillInput }, ctx: EventsContext) => ctx.skills.update(args.id, args.input),
    archiveSkill: (_: unknown, args: { id: string }, ctx: EventsContext) => ctx.skills.archive(args.id),
  },
  Event: {
    skills: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.skills.ofEvent(event.skillIds),
  },
};
