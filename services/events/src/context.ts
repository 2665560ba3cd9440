import { GatewayClient, type BaseContext, type ServiceDeps } from '@metropotes/graphql-kit';
import { AttendanceRepository } from './modules/attendance/attendance.repository';
import { AttendanceService, gatewayMemberDirectory } from './modules/attendance/attendance.service';
import type { CalendarFeedSecrets } from './modules/calendar/calendar-feed-secrets';
import { CalendarRepository } from './modules/calendar/calendar.repository';
import { CalendarService } from './modules/calendar/calendar.service';
import type { EventsOutbox } from './modules/events/event-outbox';
import { EventRepository } from './modules/events/event.repository';
import { EventService, gatewayGroupRoles } from './modules/events/event.service';
import { RegistrationRepository } from './modules/registrations/registration.repository';
import { RegistrationService } from './modules/registrations/registration.service';
import { SeriesRepository } from './modules/series/series.repository';
import { SeriesService } from './modules/series/series.service';
import { EventEditProposals } from './modules/revisions/event-edit-proposals';
import { EventRevisionRepository } from './modules/revisions/revision.repository';
import { EventRevisionService } from './modules/revisions/revision.service';
import { NetworkStatsRepository } from './modules/stats/network-stats.repository';
import { gatewayMemberFigures, NetworkStatsService } from './modules/stats/network-stats.service';
import { SkillRepository } from './modules/skills/skill.repository';
import { SkillService } from './modules/skills/skill.service';
import { TrainingRepository } from './modules/training/training.repository';
import { TrainingService } from './modules/training/training.service';
import { CertificateRepository } from './modules/certificates/certificate.repository';
import { CertificateService } from './modules/certificates/certificate.service';
import { eventsSettingsFrom, type EventsSettings } from './settings';

export interface EventsContext extends BaseContext {
  events: EventService;
  registrations: RegistrationService;
  series: SeriesService;
  calendar: CalendarService;
  eventRevisions: EventRevisionService;
  attendance: AttendanceService;
  skills: SkillService;
  training: TrainingService;
  certificates: CertificateService;
  networkStats: NetworkStatsService;
}

export function buildEventsContext(
  base: BaseContext,
  deps: ServiceDeps,
  outbox: EventsOutbox,
  publicUrl: string,
  feedSecrets: CalendarFeedSecrets,
  /** The gateway's GraphQL endpoint (read at request time): walk-in members, group roles and networkStats' member figures are asked there. */
  gatewayUrl: () => string,
  settings: EventsSettings = eventsSettingsFrom(),
): EventsContext {
  const { clock } = deps;
  const eventRepository = new EventRepository(deps.dataSource, clock);
  const registrationRepository = new RegistrationRepository(deps.dataSource, clock);
  const revisionRepository = new EventRevisionRepository(deps.dataSource, clock);
  const proposals = new EventEditProposals(revisionRepository, base.viewer, clock);
  const skills = new SkillService(new SkillRepository(deps.dataSource, clock), deps.dataSource, base.viewer);
  const gateway = new GatewayClient(gatewayUrl, base.authorization, base.requestId);
  const events = new EventService(
    eventRepository,
    registrationRepository,
    deps.dataSource,
    base.viewer,
    outbox,
    clock,
    proposals,
    skills,
    settings,
    gatewayGroupRoles(gateway),
  );
  const eventRevisions = new EventRevisionService(revisionRepository, events, outbox, base.viewer);
  const attendanceRepository = new AttendanceRepository(deps.dataSource, clock);
  const registrations = new RegistrationService(registrationRepository, eventRepository, events, outbox, base.viewer, clock, attendanceRepository);
  const attendance = new AttendanceService(
    attendanceRepository,
    registrationRepository,
    eventRepository,
    events,
    deps.dataSource,
    base.viewer,
    clock,
    gatewayMemberDirectory(gateway),
  );
  const series = new SeriesService(new SeriesRepository(deps.dataSource, clock), eventRepository, events, outbox, base.viewer, clock);
  const calendar = new CalendarService(new CalendarRepository(deps.dataSource, clock), base.viewer, publicUrl, feedSecrets);
  const trainingRepository = new TrainingRepository(deps.dataSource);
  const training = new TrainingService(trainingRepository, events, skills, base.viewer, clock);
  const certificates = new CertificateService(new CertificateRepository(deps.dataSource), trainingRepository, skills, deps.dataSource, base.viewer, clock);
  const networkStats = new NetworkStatsService(new NetworkStatsRepository(deps.dataSource), base.viewer, clock, gatewayMemberFigures(gateway));
  return { ...base, events, registrations, series, calendar, eventRevisions, attendance, skills, training, certificates, networkStats };
}
