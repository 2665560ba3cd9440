import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { EventRepository } from './modules/events/event.repository';
import { EventService } from './modules/events/event.service';

export interface EventsContext extends BaseContext {
  events: EventService;
}

export function buildEventsContext(base: BaseContext, deps: ServiceDeps): EventsContext {
  return { ...base, events: new EventService(new EventRepository(deps.dataSource), base.viewer) };
}
