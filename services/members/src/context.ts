import { GatewayClient, type BaseContext } from '@metropotes/graphql-kit';
import type { MembersRoot } from './composition-root';
import { AccountService } from './modules/accounts/account.service';
import { DataExportService } from './modules/data-export/data-export.service';
import { DeadJobService } from './modules/dead-jobs/dead-job.service';
import { DigestPreviewService } from './modules/digest-preview/digest-preview.service';
import { GroupMessageService } from './modules/group-messages/group-message.service';
import { GroupService } from './modules/groups/group.service';
import { MemberService } from './modules/members/member.service';
import { MemberModerationService } from './modules/moderation/moderation.service';
import { ProspectService } from './modules/prospects/prospect.service';
import { MemberSystemService } from './modules/system/member-system.service';
import { TerritoryService } from './modules/territories/territory.service';

export interface MembersContext extends BaseContext {
  members: MemberService;
  accounts: AccountService;
  territories: TerritoryService;
  groups: GroupService;
  prospects: ProspectService;
}

/** The context every resolver gets (the generated resolver types' `contextType`). */
export interface MembersRequestContext extends MembersContext {
  memberModeration: MemberModerationService;
  memberSystem: MemberSystemService;
  digestPreviews: DigestPreviewService;
  deadJobs: DeadJobService;
  groupMessages: GroupMessageService;
  dataExports: DataExportService;
}

/**
 * One request's scope, derived from the process's composition root (composition-root.ts): the services bound to the
 * viewer and the request id, with their DataLoaders. Nothing long-lived is built here.
 */
export function buildMembersContext(base: BaseContext, root: MembersRoot): MembersRequestContext {
  const { deps, settings, repositories: repos, outbox, sessionVersions } = root;
  const { clock, jobs } = deps;
  const gateway = (unavailable: string) => new GatewayClient(settings.gatewayUrl, base.authorization, base.requestId, unavailable);
  const members = new MemberService(repos.members, base.viewer, { sessionVersions, outbox }, clock);
  const accounts = new AccountService(
    repos.accounts,
    root.signer,
    sessionVersions,
    outbox,
    base.log,
    clock,
    { links: root.emailLinks, perHour: settings.accountEmailsPerHour },
    root.passwords,
  );
  return {
    ...base,
    members,
    accounts,
    territories: new TerritoryService(repos.territories),
    groups: new GroupService(repos.groups, base.viewer),
    prospects: new ProspectService(repos.prospects, base.viewer, {
      gateway: gateway("Impossible de lire la veille pour l'instant. Réessayez dans un instant."),
      retentionMonths: settings.prospectRetentionMonths,
      clock,
      links: root.emailLinks,
    }),
    memberModeration: new MemberModerationService(repos.moderation, base.viewer, sessionVersions),
    memberSystem: new MemberSystemService(repos.system, base.viewer, clock),
    digestPreviews: new DigestPreviewService(base.viewer, members, jobs, settings.digestPreviewTimeoutMs, clock),
    // Staff's requests answered by the workers share one bound (below the gateway's timeout).
    deadJobs: new DeadJobService(base.viewer, jobs, settings.digestPreviewTimeoutMs),
    groupMessages: new GroupMessageService(repos.groupMessages, base.viewer, outbox, clock),
    dataExports: new DataExportService(
      base.viewer,
      accounts,
      jobs,
      gateway("L'export de vos données n'a pas pu être préparé : un service ne répond pas. Réessayez dans un instant."),
      clock,
      settings.dataExportWorkersTimeoutMs,
    ),
  };
}
