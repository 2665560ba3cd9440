import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import { groupLoader, isUuid, rowLoader } from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { EventEntity } from './event.entity';
import { toEventModel, type EventModel } from './event.mapper';
import type { EventRepository } from './event.repository';

/** Who sees which event. One instance per request. */
export class EventService {
  private readonly byId: DataLoader<string, EventEntity | null>;
  private readonly byOrganizer: DataLoader<string, EventEntity[]>;

  constructor(
    repository: EventRepository,
    private readonly viewer: Viewer,
  ) {
    this.byId = rowLoader((ids) => repository.findByIds(ids), (e) => e.id);
    this.byOrganizer = groupLoader((ids) => repository.findByOrganizers(ids), (e) => e.organizerId!);
  }

  /** Published events are public; drafts and proposals only for their organizer and staff. */
  canSee(event: EventEntity): boolean {
    if (event.status === 'PUBLISHED' || event.status === 'CANCELLED') return true;
    return isStaff(this.viewer) || (event.organizerId !== null && event.organizerId === memberIdOf(this.viewer));
  }

  async visible(id: string): Promise<EventModel | null> {
    if (!isUuid(id)) return null;
    const event = await this.byId.load(id);
    return event && this.canSee(event) ? toEventModel(event) : null;
  }

  async organizedBy(memberId: string): Promise<EventModel[]> {
    if (!isUuid(memberId)) return [];
    const events = await this.byOrganizer.load(memberId);
    return events.filter((e) => this.canSee(e)).map(toEventModel);
  }
}
