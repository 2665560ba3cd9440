import { subgraphResolversConfig } from '../../scripts/codegen-config';
import { typeDefs } from './src/schema';

/** events' resolver types, from the SDL it serves (scripts/codegen-config.ts). */
export default subgraphResolversConfig(__dirname, typeDefs, {
  contextType: '../context#EventsRequestContext',
  mappers: {
    Event: '../modules/events/event.mapper#EventModel',
    EventConnection: '../modules/events/event.mapper#EventConnectionModel',
    Venue: '../modules/events/event.mapper#VenueModel',
    Registration: '../modules/registrations/registration.mapper#RegistrationModel',
    RegistrationConnection: '../modules/registrations/registration.mapper#RegistrationConnectionModel',
    EventSeries: '../modules/series/series.mapper#SeriesModel',
    EventRevision: '../modules/revisions/revision.mapper#EventRevisionModel',
    EventRevisionConnection: '../modules/revisions/revision.mapper#EventRevisionConnectionModel',
    Skill: '../modules/skills/skill.service#SkillModel',
    GainedSkill: '../modules/training/training.service#GainedSkillModel',
    TrainingPath: '../modules/training/training.service#TrainingPathModel',
    ParticipationCertificate: '../modules/certificates/certificate.service#CertificateModel',
    CertificateEvent: '../modules/certificates/certificate.service#CertificateEventModel',
    EventMessage: '../modules/event-messages/event-message.service#EventMessageModel',
    NetworkStats: '../modules/stats/network-stats.service#NetworkStatsModel',
    Member: '../lib/entity-refs#MemberRef',
    Group: '../lib/entity-refs#GroupRef',
    Commune: '../lib/entity-refs#CommuneRef',
    Territory: '../lib/entity-refs#TerritoryRef',
    DataExport: '../lib/entity-refs#DataExportRef',
  },
});
