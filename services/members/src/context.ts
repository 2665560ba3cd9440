import type { TokenSigner } from '@metropotes/auth';
import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { AccountService } from './modules/accounts/account.service';
import { GroupRepository } from './modules/groups/group.repository';
import { GroupService } from './modules/groups/group.service';
import { MemberRepository } from './modules/members/member.repository';
import { MemberService } from './modules/members/member.service';
import { TerritoryRepository } from './modules/territories/territory.repository';
import { TerritoryService } from './modules/territories/territory.service';

export interface MembersContext extends BaseContext {
  members: MemberService;
  accounts: AccountService;
  territories: TerritoryService;
  groups: GroupService;
}

export function buildMembersContext(base: BaseContext, deps: ServiceDeps, signer: TokenSigner): MembersContext {
  return {
    ...base,
    members: new MemberService(new MemberRepository(deps.dataSource), base.viewer),
    accounts: new AccountService(deps.dataSource, signer, deps.jobs, base.log),
    territories: new TerritoryService(new TerritoryRepository(deps.dataSource)),
    groups: new GroupService(new GroupRepository(deps.dataSource), base.viewer),
  };
}
