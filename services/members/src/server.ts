import 'reflect-metadata';
import { mergeResolvers, sharedScalarResolvers, type SubgraphSpec } from '@metropotes/graphql-kit';
import { bootSubgraph } from '@metropotes/service-host';
import { serviceOutboxOnce } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';
import { MEMBERS_OUTBOX_SCHEMA } from './outbox';
import type { Logger } from '@metropotes/config';
import { composeMembers, type MembersRoot, type MembersSettings } from './composition-root';
import { buildMembersContext, type MembersRequestContext } from './context';
import type { Resolvers } from './generated/resolvers-types';
import { migrations } from './db/migrations';
import type { MembersConfig } from './env';
import { AccountTokenEntity } from './modules/accounts/account-token.entity';
import { RefreshTokenEntity } from './modules/accounts/refresh-token.entity';
import { accountResolvers } from './modules/accounts/account.resolvers';
import { GroupEntity, GroupMembershipEntity } from './modules/groups/group.entity';
import { groupResolvers } from './modules/groups/group.resolvers';
import { MemberEntity } from './modules/members/member.entity';
import { memberResolvers } from './modules/members/member.resolvers';
import { memberModerationResolvers } from './modules/moderation/moderation.resolvers';
import { ProspectEntity, ProspectInvitationEntity, ProspectNoteEntity } from './modules/prospects/prospect.entity';
import { prospectResolvers } from './modules/prospects/prospect.resolvers';
import { memberSystemResolvers } from './modules/system/member-system.resolvers';
import { unsubscribeRoutes } from './modules/system/unsubscribe.routes';
import { CommuneEntity, TerritoryEntity } from './modules/territories/commune.entity';
import { territoryResolvers } from './modules/territories/territory.resolvers';
import { digestPreviewResolvers } from './modules/digest-preview/digest-preview.resolvers';
import { deadJobResolvers } from './modules/dead-jobs/dead-job.resolvers';
import { groupMessageResolvers } from './modules/group-messages/group-message.resolvers';
import { dataExportResolvers } from './modules/data-export/data-export.resolvers';
import { typeDefs } from './schema';

export const entities = [
  MemberEntity,
  RefreshTokenEntity,
  AccountTokenEntity,
  CommuneEntity,
  TerritoryEntity,
  GroupEntity,
  GroupMembershipEntity,
  ProspectEntity,
  ProspectNoteEntity,
  ProspectInvitationEntity,
];
export { migrations };

/** Outreach settings: the gateway (read at request time: it may start after this subgraph) and contact-data retention. */
export interface MembersOptions {
  /** Overrides config.gatewayUrl (the test kit knows the gateway's address only once it has started). */
  resolveGatewayUrl?: () => string;
}

export async function membersSpec(config: MembersConfig & MembersOptions): Promise<SubgraphSpec<MembersRequestContext, MembersRoot>> {
  const settings: MembersSettings = {
    gatewayUrl: config.resolveGatewayUrl ?? (() => config.gatewayUrl),
    prospectRetentionMonths: config.prospectRetentionMonths,
    accountEmailsPerHour: config.accountEmailsPerHour,
    digestPreviewTimeoutMs: config.digestPreviewTimeoutMs,
    dataExportWorkersTimeoutMs: config.dataExportWorkersTimeoutMs,
  };
  // The service's one outbox (its relay shared by the requests and the background), made with the deps at boot.
  const outboxOf = serviceOutboxOnce<EntityManager>(MEMBERS_OUTBOX_SCHEMA);
  return {
    name: 'members',
    entities,
    migrations,
    typeDefs,
    resolvers: mergeResolvers<Resolvers<MembersRequestContext>, MembersRequestContext>(
      sharedScalarResolvers,
      memberResolvers,
      accountResolvers,
      territoryResolvers,
      groupResolvers,
      memberModerationResolvers,
      prospectResolvers,
      memberSystemResolvers,
      digestPreviewResolvers,
      deadJobResolvers,
      groupMessageResolvers,
      dataExportResolvers,
    ),
    // Once, at boot: the long-lived objects (composition-root.ts). Per request: the viewer's scope (context.ts).
    compose: (deps) => composeMembers(deps, config, settings, outboxOf(deps)),
    buildContext: (base, _deps, root) => buildMembersContext(base, root),
    routes: unsubscribeRoutes(config.keys.systemPublicKey),
    // Jobs left in the outbox (Redis down at the commit, a crash right after it) go out from here.
    background: (deps) => outboxOf(deps).background(),
  };
}

export async function startMembersSubgraph(config: MembersConfig, logger?: Logger) {
  return bootSubgraph(await membersSpec(config), config, { logger });
}
