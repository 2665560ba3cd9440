import { GatewayClient, type BaseContext } from '@metropotes/graphql-kit';
import type { EventsRoot } from './composition-root';
import { AttendanceService, gatewayMemberDirectory } from './modules/attendance/attendance.service';
import { CalendarService } from './modules/calendar/calendar.service';
import { CertificateService } from './modules/certificates/certificate.service';
import type { DataExportRepository } from './modules/data-export/data-export.repository';
import { eventMessageContext, type EventMessageContext } from './modules/event-messages/event-message.service';
import { EventService, gatewayGroupRoles } from './modules/events/event.service';
import { EventModerationService } from './modules/moderation/moderation.service';
import { RegistrationService } from './modules/registrations/registration.service';
import { EventEditProposals } from './modules/revisions/event-edit-proposals';
import { EventRevisionService } from './modules/revisions/revision.service';
import { SeriesService } from './modules/series/series.service';
import { SkillService } from './modules/skills/skill.service';
import { gatewayMemberFigures, NetworkStatsService } from './modules/stats/network-stats.service';
import { EventSystemService } from './modules/system/event-system.service';
import { TrainingService } from './modules/training/training.service';

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

/** What every resolver receives (the resolver types' context, codegen.resolvers.ts). */
export interface EventsRequestContext extends EventsContext, EventMessageContext {
  eventModeration: EventModerationService;
  eventSystem: EventSystemService;
  dataExport: DataExportRepository;
}

/**
 * One request's scope, derived from the process's composition root (composition-root.ts): the services bound to the
 * viewer and the request id, with their DataLoaders. Nothing long-lived is built here.
 */
export function buildEventsContext(base: BaseContext, root: EventsRoot): EventsRequestContext {
  const { deps, boot, outbox, repositories: repos } = root;
  const { clock, dataSource } = deps;
  const viewer = base.viewer;
  const proposals = new EventEditProposals(repos.revisions, viewer, clock);
  const skills = new SkillService(repos.skills, dataSource, viewer);
  const gateway = new GatewayClient(boot.gatewayUrl, base.authorization, base.requestId);
  const events = new EventService(
    repos.events,
    repos.registrations,
    dataSource,
    viewer,
    outbox,
    clock,
    proposals,
    skills,
    boot.settings,
    gatewayGroupRoles(gateway),
  );
  const eventRevisions = new EventRevisionService(repos.revisions, events, outbox, viewer);
  const registrations = new RegistrationService(repos.registrations, repos.events, events, outbox, viewer, clock, repos.attendance);
  const attendance = new AttendanceService(
    repos.attendance,
    repos.registrations,
    repos.events,
    events,
    dataSource,
    viewer,
    clock,
    gatewayMemberDirectory(gateway),
  );
  const series = new SeriesService(repos.series, repos.events, events, outbox, viewer, clock);
  const calendar = new CalendarService(repos.calendar, viewer, boot.publicUrl, boot.feedSecrets);
  const training = new TrainingService(repos.training, events, skills, viewer, clock);
  const certificates = new CertificateService(repos.certificates, repos.training, skills, dataSource, viewer, clock);
  const networkStats = new NetworkStatsService(repos.networkStats, viewer, clock, gatewayMemberFigures(gateway));
  return {
    ...base,
    events,
    registrations,
    series,
    calendar,
    eventRevisions,
    attendance,
    skills,
    training,
    certificates,
    networkStats,
    eventModeration: new EventModerationService(repos.moderation, viewer),
    eventSystem: new EventSystemService(dataSource, viewer, clock),
    ...eventMessageContext(viewer, { repository: repos.eventMessages, outbox, clock }),
    dataExport: repos.dataExport,
  };
}
