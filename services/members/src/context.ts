import type { TokenSigner } from '@metropotes/auth';
import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { AccountService } from './modules/accounts/account.service';
import { MemberRepository } from './modules/members/member.repository';
import { MemberService } from './modules/members/member.service';

export interface MembersContext extends BaseContext {
  members: MemberService;
  accounts: AccountService;
}

export function buildMembersContext(base: BaseContext, deps: ServiceDeps, signer: TokenSigner): MembersContext {
  return {
    ...base,
    members: new MemberService(new MemberRepository(deps.dataSource), base.viewer),
    accounts: new AccountService(deps.dataSource, signer),
  };
}
