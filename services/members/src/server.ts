import 'reflect-metadata';
import { createTokenSigner, MEMBER_ISSUER } from '@metropotes/auth';
import { mergeResolvers, sharedScalarResolvers, type SubgraphSpec } from '@metropotes/graphql-kit';
import { bootSubgraph } from '@metropotes/service-host';
import { outboxRelayInBackground } from '@metropotes/jobs';
import { MEMBERS_OUTBOX_SCHEMA } from './outbox';
import type { Logger } from '@metropotes/config';
import { buildMembersContext, type MembersContext } from './context';
import { migrations } from './db/migrations';
import { EmailLinkTokens } from './email-links';
import type { MembersConfig } from './env';
import { AccountTokenEntity } from './modules/accounts/account-token.entity';
import { RefreshTokenEntity } from './modules/accounts/refresh-token.entity';
import { accountResolvers } from './modules/accounts/account.resolvers';
import { GroupEntity, GroupMembershipEntity } from './modules/groups/group.entity';
import { groupResolvers } from './modules/groups/group.resolvers';
import { MemberEntity } from './modules/members/member.entity';
import { memberResolvers } from './modules/members/member.resolvers';
import { memberModerationContext, memberModerationResolvers } from './modules/moderation/moderation.resolvers';
import { ProspectEntity, ProspectInvitationEntity, ProspectNoteEntity } from './modules/prospects/prospect.entity';
import { prospectResolvers } from './modules/prospects/prospect.resolvers';
import { memberSystemContext, memberSystemResolvers } from './modules/system/member-system.service';
import { unsubscribeRoutes } from './modules/system/unsubscribe.routes';
import { CommuneEntity, TerritoryEntity } from './modules/territories/commune.entity';
import { territoryResolvers } from './modules/territories/territory.resolvers';
import { digestPreviewContext, digestPreviewResolvers } from './modules/digest-preview/digest-preview.resolvers';
import { deadJobContext, deadJobResolvers } from './modules/dead-jobs/dead-job.resolvers';
import { groupMessageContext, groupMessageResolvers } from './modules/group-messages/group-message.resolvers';
import { dataExportContext, dataExportResolvers } from './modules/data-export/data-export.resolvers';
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

export async function membersSpec(config: MembersConfig & MembersOptions): Promise<SubgraphSpec<MembersContext>> {
  const signer = await createTokenSigner(config.authPrivateKey, MEMBER_ISSUER);
  // The e-mail links' tokens: derived from their rows with a key derived from the same private key (no other secret).
  const emailLinks = { links: new EmailLinkTokens(config.authPrivateKey), accountEmailsPerHour: config.accountEmailsPerHour };
  const prospectSettings = {
    gatewayUrl: config.resolveGatewayUrl ?? (() => config.gatewayUrl),
    retentionMonths: config.prospectRetentionMonths,
  };
  return {
    name: 'members',
    entities,
    migrations,
    typeDefs,
    resolvers: mergeResolvers(
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
    buildContext: (base, deps) => {
      const context = buildMembersContext(base, deps, signer, emailLinks, prospectSettings);
      return {
        ...context,
        ...memberModerationContext(base, deps),
        ...memberSystemContext(base, deps),
        ...digestPreviewContext(base, deps, context.members, config.digestPreviewTimeoutMs),
        // Staff's requests answered by the workers share one bound (below the gateway's timeout).
        ...deadJobContext(base, deps, config.digestPreviewTimeoutMs),
        ...groupMessageContext(base, deps),
        ...dataExportContext(base, deps, context.accounts, { gatewayUrl: prospectSettings.gatewayUrl, workersTimeoutMs: config.dataExportWorkersTimeoutMs }),
      };
    },
    routes: unsubscribeRoutes(config.keys.systemPublicKey),
    // Jobs left in the outbox (Redis down at the commit, a crash right after it) go out from here.
    background: outboxRelayInBackground(MEMBERS_OUTBOX_SCHEMA),
  };
}

export async function startMembersSubgraph(config: MembersConfig, logger?: Logger) {
  return bootSubgraph(await membersSpec(config), config, { logger });
}
