import { createTokenSigner, MEMBER_ISSUER, type TokenSigner } from '@metropotes/auth';
import type { ServiceDeps } from '@metropotes/graphql-kit';
import { EmailLinkTokens } from './email-links';
import type { MembersConfig } from './env';
import type { MembersOutbox } from './outbox';
import { AccountRepository } from './modules/accounts/account.repository';
import { PasswordHasher } from './modules/accounts/password-hasher';
import { SessionVersions } from './modules/members/session-versions';
import { GroupMessageRepository } from './modules/group-messages/group-message.repository';
import { GroupRepository } from './modules/groups/group.repository';
import { MemberRepository } from './modules/members/member.repository';
import { MemberModerationRepository } from './modules/moderation/moderation.repository';
import { ProspectRepository } from './modules/prospects/prospect.repository';
import { MemberSystemRepository } from './modules/system/member-system.repository';
import { TerritoryRepository } from './modules/territories/territory.repository';

/** What the members process is started with beyond its ServiceDeps (config, read once). */
export interface MembersSettings {
  /** The gateway (read at request time: it may start after this subgraph): outreach's veille, the data export. */
  gatewayUrl: () => string;
  /** Contact data of prospects inactive this long is erased. */
  prospectRetentionMonths: number;
  /** Verification and reset e-mails one address may get in an hour. */
  accountEmailsPerHour: number;
  /** How long staff's requests answered by the workers wait (digest preview, dead jobs). */
  digestPreviewTimeoutMs: number;
  /** How long the data export waits for the workers' part. */
  dataExportWorkersTimeoutMs: number;
}

/**
 * The members process's composition root: its long-lived objects, built once at boot (`compose` in server.ts) and
 * shared by every request — the repositories, the token signer, the password hasher (and its dummy hash), the e-mail
 * links' key, the session versions, the outbox relay. Each request derives its small scope from it (context.ts: the
 * services, bound to the viewer and the request id, with their DataLoaders).
 */
export class MembersRoot {
  constructor(
    readonly deps: ServiceDeps,
    readonly settings: MembersSettings,
    readonly signer: TokenSigner,
    readonly passwords: PasswordHasher,
    readonly emailLinks: EmailLinkTokens,
    readonly outbox: MembersOutbox,
    readonly sessionVersions: SessionVersions,
    readonly repositories: {
      accounts: AccountRepository;
      members: MemberRepository;
      groups: GroupRepository;
      groupMessages: GroupMessageRepository;
      prospects: ProspectRepository;
      territories: TerritoryRepository;
      moderation: MemberModerationRepository;
      system: MemberSystemRepository;
    },
  ) {}
}

/** Builds the root once (the signer's key imported, the dummy hash computed) before the server listens. */
export async function composeMembers(
  deps: ServiceDeps,
  config: MembersConfig,
  settings: MembersSettings,
  outbox: MembersOutbox,
): Promise<MembersRoot> {
  const { dataSource, clock } = deps;
  return new MembersRoot(
    deps,
    settings,
    await createTokenSigner(config.authPrivateKey, MEMBER_ISSUER),
    await PasswordHasher.create(),
    // The e-mail links' tokens: derived from their rows with a key derived from the same private key (no other secret).
    new EmailLinkTokens(config.authPrivateKey),
    outbox,
    new SessionVersions(deps.jobs),
    {
      accounts: new AccountRepository(dataSource),
      members: new MemberRepository(dataSource, clock),
      groups: new GroupRepository(dataSource, clock),
      groupMessages: new GroupMessageRepository(dataSource, clock),
      prospects: new ProspectRepository(dataSource, clock, outbox),
      territories: new TerritoryRepository(dataSource),
      moderation: new MemberModerationRepository(dataSource, clock),
      system: new MemberSystemRepository(dataSource),
    },
  );
}

/** The members root of a running subgraph (tests read its hasher's counts through it). */
export function membersRootOf(running: { root: unknown }): MembersRoot {
  if (!(running.root instanceof MembersRoot)) throw new Error('not a running members subgraph');
  return running.root;
}
