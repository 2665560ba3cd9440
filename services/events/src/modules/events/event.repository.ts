import { In, type DataSource, type Repository } from 'typeorm';
import { EventEntity } from './event.entity';

export class EventRepository {
  private readonly repo: Repository<EventEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(EventEntity);
  }

  findByIds(ids: readonly string[]): Promise<EventEntity[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  /** Events of many organizers in one query, by start. */
  findByOrganizers(organizerIds: readonly string[]): Promise<EventEntity[]> {
    return this.repo.find({ where: { organizerId: In([...organizerIds]) }, order: { startsAt: 'ASC', id: 'ASC' } });
  }
}
