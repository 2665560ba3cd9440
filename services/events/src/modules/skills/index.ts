// The skills module's public face: what the other modules of the service may use.
export type { SkillModel, SkillService } from './skill.service';
