import type { ServiceDeps } from '@metropotes/graphql-kit';
import { AttendanceRepository } from './modules/attendance/attendance.repository';
import type { CalendarFeedSecrets } from './modules/calendar/calendar-feed-secrets';
import { CalendarRepository } from './modules/calendar/calendar.repository';
import { CertificateRepository } from './modules/certificates/certificate.repository';
import { DataExportRepository } from './modules/data-export/data-export.repository';
import { EventMessageRepository } from './modules/event-messages/event-message.repository';
import type { EventsOutbox } from './modules/events/event-outbox';
import { EventRepository } from './modules/events/event.repository';
import { EventModerationRepository } from './modules/moderation/moderation.repository';
import { RegistrationRepository } from './modules/registrations/registration.repository';
import { EventRevisionRepository } from './modules/revisions/revision.repository';
import { SeriesRepository } from './modules/series/series.repository';
import { SkillRepository } from './modules/skills/skill.repository';
import { NetworkStatsRepository } from './modules/stats/network-stats.repository';
import { TrainingRepository } from './modules/training/training.repository';
import type { EventsSettings } from './settings';

/** What the events process is started with beyond its ServiceDeps (read once, at boot). */
export interface EventsBoot {
  /** Where people reach the platform (calendar feeds' links). */
  publicUrl: string;
  feedSecrets: CalendarFeedSecrets;
  /** The gateway's GraphQL endpoint, read at request time: walk-in members, group roles, member figures. */
  gatewayUrl: () => string;
  settings: EventsSettings;
}

/**
 * The events process's composition root: its long-lived objects, built once at boot (`compose` in server.ts) and
 * shared by every request — the repositories, the outbox relay, the feeds' key and settings. Each request derives its
 * small scope from it (context.ts: the services bound to the viewer and the request id, with their DataLoaders).
 */
export class EventsRoot {
  readonly repositories;

  constructor(
    readonly deps: ServiceDeps,
    readonly boot: EventsBoot,
    /** The service's one outbox (serviceOutboxOnce in server.ts: its relay is shared with the background). */
    readonly outbox: EventsOutbox,
  ) {
    const { dataSource, clock } = deps;
    this.repositories = {
      events: new EventRepository(dataSource, clock),
      registrations: new RegistrationRepository(dataSource, clock),
      revisions: new EventRevisionRepository(dataSource, clock),
      skills: new SkillRepository(dataSource, clock),
      attendance: new AttendanceRepository(dataSource, clock),
      series: new SeriesRepository(dataSource, clock),
      calendar: new CalendarRepository(dataSource, clock),
      training: new TrainingRepository(dataSource),
      certificates: new CertificateRepository(dataSource),
      networkStats: new NetworkStatsRepository(dataSource),
      moderation: new EventModerationRepository(dataSource, clock),
      eventMessages: new EventMessageRepository(dataSource, clock),
      dataExport: new DataExportRepository(dataSource),
    } as const;
  }
}

export const composeEvents = (deps: ServiceDeps, boot: EventsBoot, outbox: EventsOutbox): EventsRoot => new EventsRoot(deps, boot, outbox);
