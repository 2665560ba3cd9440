import 'reflect-metadata';
import { createTokenSigner, MEMBER_ISSUER } from '@metropotes/auth';
import { bootSubgraph, mergeResolvers, sharedScalarResolvers, type SubgraphSpec } from '@metropotes/graphql-kit';
import type { Logger } from '@metropotes/config';
import { buildMembersContext, type MembersContext } from './context';
import { migrations } from './db/migrations';
import type { MembersConfig } from './env';
import { AccountTokenEntity } from './modules/accounts/account-token.entity';
import { RefreshTokenEntity } from './modules/accounts/refresh-token.entity';
import { accountResolvers } from './modules/accounts/account.resolvers';
import { GroupEntity, GroupMembershipEntity } from './modules/groups/group.entity';
import { groupResolvers } from './modules/groups/group.resolvers';
import { MemberEntity } from './modules/members/member.entity';
import { memberResolvers } from './modules/members/member.resolvers';
import { CommuneEntity, TerritoryEntity } from './modules/territories/commune.entity';
import { territoryResolvers } from './modules/territories/territory.resolvers';
import { typeDefs } from './schema';

export const entities = [
  MemberEntity,
  RefreshTokenEntity,
  AccountTokenEntity,
  CommuneEntity,
  TerritoryEntity,
  GroupEntity,
  GroupMembershipEntity,
];
export { migrations };

export async function membersSpec(config: MembersConfig): Promise<SubgraphSpec<MembersContext>> {
  const signer = await createTokenSigner(config.authPrivateKey, MEMBER_ISSUER);
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
    ),
    buildContext: (base, deps) => buildMembersContext(base, deps, signer),
  };
}

export async function startMembersSubgraph(config: MembersConfig, logger?: Logger) {
  return bootSubgraph(await membersSpec(config), config, { logger });
}
