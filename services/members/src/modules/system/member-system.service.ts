import type { Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { badInput, isUuid, requireSystem, type BaseContext, type ServiceDeps } from '@metropotes/graphql-kit';
import { findCommune } from '@metropotes/territories';
import type { DataSource } from 'typeorm';
import type { MembersContext } from '../../context';
import type { EmailLinkKind } from '../../email-links';

export interface SystemDigestMember {
  memberId: string;
  email: string;
  displayName: string;
  followedCommuneCodes: string[];
  followedTerritoryCodes: string[];
  followedThemes: string[];
  /** Empty: every scale. */
  followedScales: string[];
  digestFrequency: string;
}

export interface SystemNewcomer {
  memberId: string;
  displayName: string;
  communeCode: string | null;
  joinedAt: Date;
}

const FREQUENCIES = ['WEEKLY', 'MONTHLY', 'NONE'];

interface DigestMemberRow {
  id: string;
  email: string;
  display_name: string;
  commune_code: string | null;
  followed_communes: string[] | null;
  followed_territories: string[] | null;
  followed_themes: string[] | null;
  followed_scales: string[] | null;
  digest_frequency: string;
}

const DIGEST_MEMBER_COLUMNS =
  'id, email, display_name, commune_code, followed_communes, followed_territories, followed_themes, followed_scales, digest_frequency';
/**
 * Not erased, banned or suspended at the instant of parameter `$n`: the service's clock, as `suspended_until` is an
 * instant of that clock (a moderation decision's end), never the database's now().
 */
const active = (n: number) => `deleted_at IS NULL AND banned_at IS NULL AND (suspended_until IS NULL OR suspended_until <= $${n}::timestamptz)`;
/** Who may receive a digest: active (at `$n`), with an address. */
const digestMemberActive = (n: number) => `email IS NOT NULL AND ${active(n)}`;

/** The workers' batches, by id after `after`: at most 500 members (default 200). */
function systemPage(first: number | null | undefined, after: string | null | undefined): { limit: number; after: string | null } {
  if (after && !isUuid(after)) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
  return { limit: Math.min(Math.max(first ?? 200, 1), 500), after: after || null };
}

function toDigestMember(r: DigestMemberRow): SystemDigestMember {
  const territory = r.commune_code ? findCommune(r.commune_code)?.territoryCode : null;
  return {
    memberId: r.id,
    email: r.email,
    displayName: r.display_name,
    followedCommuneCodes: r.followed_communes ?? [],
    // Null: the default, the territory of the member's commune.
    followedTerritoryCodes: r.followed_territories ?? (territory ? [territory] : []),
    followedThemes: r.followed_themes ?? [],
    followedScales: r.followed_scales ?? [],
    digestFrequency: r.digest_frequency,
  };
}

/** Queries for the platform's workers only (system token): the digest reads its recipients in batches. */
export class MemberSystemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
    private readonly clock: Clock,
  ) {}

  async digestMembers(frequency: string, first?: number | null, after?: string | null): Promise<SystemDigestMember[]> {
    requireSystem(this.viewer);
    if (!FREQUENCIES.includes(frequency)) throw badInput("Cette fréquence n'existe pas.", 'frequency');
    const page = systemPage(first, after);
    const rows: DigestMemberRow[] = await this.dataSource.query(
      `SELECT ${DIGEST_MEMBER_COLUMNS}
       FROM members.members
       WHERE digest_frequency = $1 AND ${digestMemberActive(4)}
         AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id
       LIMIT $3`,
      [frequency, page.after, page.limit, this.clock.now()],
    );
    return rows.map(toDigestMember);
  }

  /** One member as the digest reads them, whatever their frequency (a preview, a letter sent on demand). */
  async digestMember(memberId: string): Promise<SystemDigestMember | null> {
    requireSystem(this.viewer);
    if (!isUuid(memberId)) return null;
    const rows: DigestMemberRow[] = await this.dataSource.query(
      `SELECT ${DIGEST_MEMBER_COLUMNS} FROM members.members WHERE id = $1 AND ${digestMemberActive(2)}`,
      [memberId, this.clock.now()],
    );
    return rows[0] ? toDigestMember(rows[0]) : null;
  }

  /**
   * Address, name and reminder preference of many members at once (the workers' e-mails: reminders, cancellations,
   * promotions). At most 500 distinct ids (repeats count once); unknown or erased members and members without an address are left out.
   */
  async membersForMail(memberIds: readonly string[]): Promise<SystemMemberForMail[]> {
    requireSystem(this.viewer);
    const distinct = [...new Set(memberIds)];
    if (distinct.length > 500) throw badInput('500 membres au plus par demande.', 'memberIds');
    const ids = distinct.filter(isUuid);
    if (!ids.length) return [];
    const rows: { id: string; email: string; display_name: string; event_reminders: boolean }[] = await this.dataSource.query(
      `SELECT id, email, display_name, event_reminders FROM members.members
       WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL AND email IS NOT NULL`,
      [ids],
    );
    return rows.map((r) => ({ memberId: r.id, email: r.email, displayName: r.display_name, eventReminders: r.event_reminders }));
  }

  /** Staff and admins (active, with an address) who want the daily digest of what waits for the team. */
  async staffDigestRecipients(): Promise<SystemMemberForMail[]> {
    requireSystem(this.viewer);
    const rows: { id: string; email: string; display_name: string; event_reminders: boolean }[] = await this.dataSource.query(
      `SELECT id, email, display_name, event_reminders FROM members.members
       WHERE role IN ('STAFF', 'ADMIN') AND staff_digest AND ${digestMemberActive(1)}
       ORDER BY id`,
      [this.clock.now()],
    );
    return rows.map((r) => ({ memberId: r.id, email: r.email, displayName: r.display_name, eventReminders: r.event_reminders }));
  }

  async newcomers(since: Date, first?: number | null, after?: string | null): Promise<SystemNewcomer[]> {
    requireSystem(this.viewer);
    const page = systemPage(first, after);
    const rows: { id: string; display_name: string; commune_code: string | null; joined_at: Date }[] = await this.dataSource.query(
      `SELECT id, display_name, commune_code, joined_at
       FROM members.members
       WHERE joined_at >= $1 AND profile_visibility IN ('PUBLIC', 'MEMBERS') AND moderation_state = 'VISIBLE' AND ${active(4)}
         AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id
       LIMIT $3`,
      [since, page.after, page.limit, this.clock.now()],
    );
    return rows.map((r) => ({ memberId: r.id, displayName: r.display_name, communeCode: r.commune_code, joinedAt: r.joined_at }));
  }
}

export interface SystemMemberForMail {
  memberId: string;
  email: string;
  displayName: string;
  eventReminders: boolean;
}

export interface MemberSystemContext {
  memberSystem: MemberSystemService;
}

/** Added to the members context (server.ts). */
export function memberSystemContext(base: BaseContext, deps: ServiceDeps): MemberSystemContext {
  return { memberSystem: new MemberSystemService(deps.dataSource, base.viewer, deps.clock) };
}

/**
 * `systemMailSecret`: the token of an e-mail's link, for the workers sending it (system only). Accounts and outreach
 * each derive their own again from the row and say whether it may still be sent.
 */
async function mailSecret(ctx: MembersContext, kind: EmailLinkKind, id: string): Promise<string | null> {
  requireSystem(ctx.viewer);
  if (!isUuid(id)) return null;
  return kind === 'PROSPECT_INVITATION' ? ctx.prospects.invitationSecret(id) : ctx.accounts.mailSecret(kind, id);
}

export const memberSystemResolvers = {
  Query: {
    systemMailSecret: (_: unknown, args: { kind: EmailLinkKind; id: string }, ctx: MembersContext) => mailSecret(ctx, args.kind, args.id),
    systemDigestMembers: (_: unknown, args: { frequency: string; first?: number | null; after?: string | null }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.digestMembers(args.frequency, args.first, args.after),
    systemDigestMember: (_: unknown, args: { memberId: string }, ctx: BaseContext & MemberSystemContext) => ctx.memberSystem.digestMember(args.memberId),
    systemMembersForMail: (_: unknown, args: { memberIds: string[] }, ctx: BaseContext & MemberSystemContext) => ctx.memberSystem.membersForMail(args.memberIds),
    systemStaffDigestRecipients: (_: unknown, _args: unknown, ctx: BaseContext & MemberSystemContext) => ctx.memberSystem.staffDigestRecipients(),
    systemNewcomers: (_: unknown, args: { since: Date; first?: number | null; after?: string | null }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.newcomers(args.since, args.first, args.after),
  },
};
