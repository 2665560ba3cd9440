import 'reflect-metadata';
import { mergeResolvers, sharedScalarResolvers, type SubgraphSpec } from '@metropotes/graphql-kit';
import { buildEventsContext, type EventsContext } from './context';
import { migrations } from './db/migrations';
import { EventEntity } from './modules/events/event.entity';
import { eventResolvers } from './modules/events/event.resolvers';
import { RegistrationEntity } from './modules/registrations/registration.entity';
import { registrationResolvers } from './modules/registrations/registration.resolvers';
import { EventSeriesEntity } from './modules/series/series.entity';
import { seriesResolvers } from './modules/series/series.resolvers';
import { typeDefs } from './schema';

export const entities = [EventEntity, RegistrationEntity, EventSeriesEntity];
export { migrations };

export function eventsSpec(): SubgraphSpec<EventsContext> {
  return {
    name: 'events',
    entities,
    migrations,
    typeDefs,
    resolvers: mergeResolvers(sharedScalarResolvers, eventResolvers, registrationResolvers, seriesResolvers),
    buildContext: buildEventsContext,
  };
}
