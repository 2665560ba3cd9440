import { subgraphResolversConfig } from '../../scripts/codegen-config';
import { typeDefs } from './src/schema';

/** moderation's resolver types, from the SDL it serves (scripts/codegen-config.ts). */
export default subgraphResolversConfig(__dirname, typeDefs, {
  contextType: '../context#ModerationContext',
  mappers: {
    Report: '../modules/reports/report.mapper#ReportModel',
    ModerationCase: '../modules/cases/case.mapper#CaseModel',
    ModerationCaseConnection: '../modules/cases/case.mapper#CaseConnectionModel',
    ModerationDecision: '../modules/cases/case.mapper#DecisionModel',
    AuditEntry: '../modules/audit/audit.mapper#AuditEntryModel',
    DataExport: '../modules/data-export/data-export.mapper#DataExportRef',
    AuditEntryConnection: '../modules/audit/audit.mapper#AuditEntryConnectionModel',
  },
});
