import type { TokenSigner } from '@metropotes/auth';
import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import type { EmailLinkTokens } from './email-links';
import type { MembersOutbox } from './outbox';
import { AccountService } from './modules/accounts/account.service';
import { SessionVersions } from './modules/accounts/session-versions';
import { GroupRepository } from './modules/groups/group.repository';
import { GroupService } from './modules/groups/group.service';
import { MemberRepository } from './modules/members/member.repository';
import { MemberService } from './modules/members/member.service';
import { GatewayClient } from '@metropotes/graphql-kit';
import { ProspectRepository } from './modules/prospects/prospect.repository';
import { ProspectService } from './modules/prospects/prospect.service';
import { TerritoryRepository } from './modules/territories/territory.repository';
import { TerritoryService } from './modules/territories/territory.service';

export interface MembersContext extends BaseContext {
  members: MemberService;
  accounts: AccountService;
  territories: TerritoryService;
  groups: GroupService;
  prospects: ProspectService;
}

/** What outreach (prospects) depends on: the gateway (read at request time) and the retention of contact data. */
export interface ProspectContextSettings {
  gatewayUrl: () => string;
  retentionMonths: number;
}

/** What the e-mail links of accounts and outreach depend on: their tokens' key, and how many an address gets an hour. */
export interface EmailLinkSettings {
  links: EmailLinkTokens;
  accountEmailsPerHour: number;
}

export function buildMembersContext(
  base: BaseContext,
  deps: ServiceDeps,
  outbox: MembersOutbox,
  signer: TokenSigner,
  emailLinks: EmailLinkSettings,
  prospectSettings: ProspectContextSettings = { gatewayUrl: () => 'http://127.0.0.1:4000/graphql', retentionMonths: 12 },
): MembersContext {
  return {
    ...base,
    members: new MemberService(
      new MemberRepository(deps.dataSource, deps.clock),
      base.viewer,
      { sessionVersions: new SessionVersions(deps.jobs), outbox },
      deps.clock,
    ),
    accounts: new AccountService(deps.dataSource, signer, deps.jobs, outbox, base.log, deps.clock, {
      links: emailLinks.links,
      perHour: emailLinks.accountEmailsPerHour,
    }),
    territories: new TerritoryService(new TerritoryRepository(deps.dataSource)),
    groups: new GroupService(new GroupRepository(deps.dataSource, deps.clock), base.viewer),
    prospects: new ProspectService(new ProspectRepository(deps.dataSource, deps.clock, outbox), base.viewer, {
      gateway: new GatewayClient(
        prospectSettings.gatewayUrl,
        base.authorization,
        base.requestId,
        "Impossible de lire la veille pour l'instant. Réessayez dans un instant.",
      ),
      retentionMonths: prospectSettings.retentionMonths,
      clock: deps.clock,
      links: emailLinks.links,
    }),
  };
}
