import 'reflect-metadata';
import { DEFAULT_PUBLIC_URL } from '@metropotes/config';
import { mergeResolvers, sharedScalarResolvers, type SubgraphSpec } from '@metropotes/graphql-kit';
import { serviceOutboxOnce } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';
import { composeEvents, type EventsRoot } from './composition-root';
import { buildEventsContext, type EventsRequestContext } from './context';
import type { Resolvers } from './generated/resolvers-types';
import { migrations } from './db/migrations';
import { calendarResolvers } from './modules/calendar/calendar.resolvers';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { CalendarFeedSecrets } from './modules/calendar/calendar-feed-secrets';
import { EVENTS_OUTBOX_SCHEMA } from './modules/events/event-outbox';
import { EventEntity } from './modules/events/event.entity';
import { eventResolvers } from './modules/events/event.resolvers';
import { eventModerationResolvers } from './modules/moderation/moderation.resolvers';
import { RegistrationEntity } from './modules/registrations/registration.entity';
import { EventRevisionEntity } from './modules/revisions/revision.entity';
import { eventRevisionResolvers } from './modules/revisions/revision.resolvers';
import { registrationResolvers } from './modules/registrations/registration.resolvers';
import { attendanceResolvers } from './modules/attendance/attendance.resolvers';
import { EventSeriesEntity } from './modules/series/series.entity';
import { seriesResolvers } from './modules/series/series.resolvers';
import { SkillEntity } from './modules/skills/skill.entity';
import { skillResolvers } from './modules/skills/skill.resolvers';
import { networkStatsResolvers } from './modules/stats/network-stats.resolvers';
import { trainingResolvers } from './modules/training/training.resolvers';
import { certificateResolvers } from './modules/certificates/certificate.resolvers';
import { eventSystemResolvers } from './modules/system/event-system.resolvers';
import { dataExportResolvers } from './modules/data-export/data-export.resolvers';
import { eventMessageResolvers } from './modules/event-messages/event-message.resolvers';
import { typeDefs } from './schema';
import { eventsSettingsFrom, type EventsSettings } from './settings';

export const entities = [EventEntity, RegistrationEntity, EventSeriesEntity, EventRevisionEntity, SkillEntity];
export { migrations };

export interface EventsSpecOptions {
  /**
   * Where people reach the platform, for the links of calendar feeds: the web site (PUBLIC_URL, default
   * http://localhost:3000), which forwards /calendar/<secret>.ics to the gateway.
   */
  publicUrl?: string;
  /** The key of the members' calendar feed URLs (CALENDAR_FEED_KEY; default: the environment's). */
  calendarFeedKey?: string;
  /** The gateway's GraphQL endpoint, read at request time (default: GATEWAY_URL, else http://127.0.0.1:4000/graphql). */
  gatewayUrl?: () => string;
  /** Reminder offsets and change-notice delay (default: from REMINDER_OFFSETS_HOURS, EVENT_CHANGE_NOTICE_DELAY_SECONDS). */
  settings?: EventsSettings;
}

export function eventsSpec(options: EventsSpecOptions = {}): SubgraphSpec<EventsRequestContext, EventsRoot> {
  const publicUrl = options.publicUrl ?? process.env.PUBLIC_URL ?? DEFAULT_PUBLIC_URL;
  const calendarFeedKey = options.calendarFeedKey ?? process.env.CALENDAR_FEED_KEY;
  if (!calendarFeedKey) throw new Error('CALENDAR_FEED_KEY is required: the key of the calendar feed URLs');
  const feedSecrets = new CalendarFeedSecrets(calendarFeedKey);
  const gatewayUrl = options.gatewayUrl ?? (() => process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql');
  const settings = options.settings ?? eventsSettingsFrom();
  // The service's one outbox (its relay shared by the requests and the background), made with the deps at boot.
  const outboxOf = serviceOutboxOnce<EntityManager>(EVENTS_OUTBOX_SCHEMA);
  return {
    name: 'events',
    entities,
    migrations,
    typeDefs,
    resolvers: mergeResolvers<Resolvers<EventsRequestContext>, EventsRequestContext>(
      sharedScalarResolvers,
      eventResolvers,
      registrationResolvers,
      seriesResolvers,
      calendarResolvers,
      eventModerationResolvers,
      eventSystemResolvers,
      eventRevisionResolvers,
      attendanceResolvers,
      skillResolvers,
      trainingResolvers,
      certificateResolvers,
      networkStatsResolvers,
      eventMessageResolvers,
      dataExportResolvers,
    ),
    // Once, at boot: the long-lived objects (composition-root.ts). Per request: the viewer's scope (context.ts).
    compose: (deps) => composeEvents(deps, { publicUrl, feedSecrets, gatewayUrl, settings }, outboxOf(deps)),
    buildContext: (base, _deps, root) => buildEventsContext(base, root),
    routes: calendarRoutes(publicUrl),
    // Jobs left in the outbox (Redis down at the commit, a crash right after it) go out from here: retried every 2 s
    // after a refusal, swept every 5 minutes anyway.
    background: (deps) => outboxOf(deps).background(),
  };
}
