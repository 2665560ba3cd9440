import 'reflect-metadata';
import { mergeResolvers, sharedScalarResolvers, type SubgraphSpec } from '@metropotes/graphql-kit';
import { serviceOutboxOnce } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';
import { composeModeration, type ModerationRoot } from './composition-root';
import { buildModerationContext, type ModerationRequestContext } from './context';
import type { Resolvers } from './generated/resolvers-types';
import { migrations } from './db/migrations';
import { moderationSettingsFrom, type ModerationSettings } from './env';
import { AuditEntryEntity } from './modules/audit/audit.entity';
import { auditResolvers } from './modules/audit/audit.resolvers';
import { CaseEntity } from './modules/cases/case.entity';
import { caseResolvers } from './modules/cases/case.resolvers';
import { DecisionEntity } from './modules/cases/decision.entity';
import { MODERATION_OUTBOX_SCHEMA } from './modules/cases/moderation-outbox';
import { ReportEntity, ReportSubmissionEntity } from './modules/reports/report.entity';
import { reportResolvers } from './modules/reports/report.resolvers';
import { dataExportResolvers } from './modules/data-export/data-export.resolvers';
import { typeDefs } from './schema';

export const entities = [ReportEntity, ReportSubmissionEntity, CaseEntity, DecisionEntity, AuditEntryEntity];
export { migrations };

/** Settings default to the environment; `gatewayUrl` is read at request time (the gateway may start later). */
export function moderationSpec(options: Partial<ModerationSettings> = {}): SubgraphSpec<ModerationRequestContext, ModerationRoot> {
  const settings: ModerationSettings = { ...moderationSettingsFrom(process.env), ...options };
  // The service's one outbox (its relay shared by the requests and the background), made with the deps at boot.
  const outboxOf = serviceOutboxOnce<EntityManager>(MODERATION_OUTBOX_SCHEMA);
  return {
    name: 'moderation',
    entities,
    migrations,
    typeDefs,
    resolvers: mergeResolvers<Resolvers<ModerationRequestContext>, ModerationRequestContext>(
      sharedScalarResolvers,
      reportResolvers,
      caseResolvers,
      auditResolvers,
      dataExportResolvers,
    ),
    // Once, at boot: the long-lived objects (composition-root.ts). Per request: the viewer's scope (context.ts).
    compose: (deps) => composeModeration(deps, settings, outboxOf(deps)),
    buildContext: (base, _deps, root) => buildModerationContext(base, root),
    // Decision jobs left in the outbox (Redis down at the commit, a crash right after it) go out from here.
    background: (deps) => outboxOf(deps).background(),
  };
}
