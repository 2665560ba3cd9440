import { subgraphResolversConfig } from '../../scripts/codegen-config';
import { typeDefs } from './src/schema';

/** members' resolver types, from the SDL it serves (scripts/codegen-config.ts). */
export default subgraphResolversConfig(__dirname, typeDefs, {
  contextType: '../context#MembersRequestContext',
  mappers: {
    Member: '../modules/members/member.mapper#MemberModel',
    MemberConnection: '../modules/members/member.mapper#MemberConnectionModel',
    NotificationPreferences: '../modules/members/member.mapper#NotificationPreferencesParent',
    Group: '../modules/groups/group.mapper#GroupModel',
    GroupConnection: '../modules/groups/group.mapper#GroupConnectionModel',
    Commune: '../modules/territories/territory.mapper#CommuneModel',
    Territory: '../modules/territories/territory.mapper#TerritoryModel',
    Prospect: '../modules/prospects/prospect.mapper#ProspectModel',
    ProspectConnection: '../modules/prospects/prospect.mapper#ProspectConnectionModel',
    OutreachTerritoryStats: '../modules/prospects/prospect.service#OutreachTerritoryStatsModel',
    ProspectNote: '../modules/prospects/prospect.mapper#ProspectNoteModel',
    GroupMessage: '../modules/group-messages/group-message.service#GroupMessageModel',
    DataExport: '../modules/data-export/data-export.service#DataExportRef',
    SystemDigestMember: '../modules/system/member-system.service#SystemDigestMember as SystemDigestMemberModel',
  },
});
