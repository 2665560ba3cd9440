import { memberIdOf, type Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { isUuid } from '@metropotes/graphql-kit';
import type { MemberRef } from '../../lib/entity-refs';
import { toEventModel, type EventModel, type EventService } from '../events';
import type { SkillModel, SkillService } from '../skills';
import type { TrainingRepository } from './training.repository';

/** At most this many suggestions in a path. */
export const MAX_SUGGESTIONS = 5;

export interface GainedSkillModel {
  skill: SkillModel;
  event: EventModel;
  gainedAt: Date;
}

export interface TrainingPathModel {
  memberId: string;
  publicOnly: boolean;
}

/**
 * Member.skillsGained and Member.trainingPath (issue #19). Readers are those of Member.attendedEvents: the member,
 * staff, and others if the member opted in (showAttendedEvents); staff see every event, others what the public sees.
 * One instance per request.
 */
export class TrainingService {
  private readonly gained = new Map<string, Promise<GainedSkillModel[]>>();

  constructor(
    private readonly repository: TrainingRepository,
    private readonly events: EventService,
    private readonly skills: SkillService,
    private readonly viewer: Viewer,
    private readonly clock: Clock,
  ) {}

  /** The path's scope for this viewer, or null when they may not read it. */
  private scope(member: MemberRef): TrainingPathModel | null {
    if (!isUuid(member.id)) return null;
    const self = memberIdOf(this.viewer) === member.id;
    if (!self && !this.events.viewerIsStaff && member.showAttendedEvents !== true) return null;
    return { memberId: member.id, publicOnly: !this.events.viewerSeesNonPublic };
  }

  async skillsGained(member: MemberRef): Promise<GainedSkillModel[] | null> {
    const scope = this.scope(member);
    return scope ? this.gainedIn(scope) : null;
  }

  trainingPath(member: MemberRef): TrainingPathModel | null {
    return this.scope(member);
  }

  private gainedIn(scope: TrainingPathModel): Promise<GainedSkillModel[]> {
    const key = `${scope.memberId}:${scope.publicOnly}`;
    let found = this.gained.get(key);
    if (!found) {
      found = (async () => {
        const rows = await this.repository.gainedSkills(scope.memberId, scope.publicOnly);
        const skills = await this.skills.ofEvent(rows.map((r) => r.skillId));
        const byId = new Map(skills.map((s) => [s.id, s]));
        return rows.flatMap((r) => {
          const skill = byId.get(r.skillId);
          return skill ? [{ skill, event: toEventModel(r), gainedAt: r.startsAt }] : [];
        });
      })();
      this.gained.set(key, found);
    }
    return found;
  }

  async pathEvents(scope: TrainingPathModel): Promise<EventModel[]> {
    return (await this.repository.attendedTrainings(scope.memberId, scope.publicOnly)).map(toEventModel);
  }

  pathSkills(scope: TrainingPathModel): Promise<GainedSkillModel[]> {
    return this.gainedIn(scope);
  }

  /** Upcoming events developing a skill not gained yet (every skill gained counts, whoever reads). */
  async suggestions(scope: TrainingPathModel): Promise<EventModel[]> {
    const gained = await this.gainedIn({ memberId: scope.memberId, publicOnly: false });
    const rows = await this.repository.suggestions(
      scope.memberId,
      gained.map((g) => g.skill.id),
      this.clock.now(),
      MAX_SUGGESTIONS,
    );
    return rows.map(toEventModel);
  }
}
