import type { Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { badInput, isUuid, requireStaff, requireSystem, type BaseContext } from '@metropotes/graphql-kit';
import { findCommune } from '@metropotes/territories';
import DataLoader from 'dataloader';
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

export interface SystemDigestGroup {
  groupId: string;
  name: string;
  newMembers: SystemNewcomer[];
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
  /** The groups of a batch's members, one loader per `joinedSince` (the batch's members all ask the same). */
  private readonly groupLoaders = new Map<number, DataLoader<string, SystemDigestGroup[]>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
    private readonly clock: Clock,
  ) {}

  /** A digest member's groups with who joined them since `joinedSince`: two queries for a whole batch of members. */
  async digestGroups(memberId: string, joinedSince: Date): Promise<SystemDigestGroup[]> {
    requireSystem(this.viewer);
    let loader = this.groupLoaders.get(joinedSince.getTime());
    if (!loader) {
      loader = new DataLoader((ids) => this.loadDigestGroups(ids, joinedSince), { maxBatchSize: 1000 });
      this.groupLoaders.set(joinedSince.getTime(), loader);
    }
    return loader.load(memberId);
  }

  private async loadDigestGroups(memberIds: readonly string[], joinedSince: Date): Promise<SystemDigestGroup[][]> {
    const memberships: { member_id: string; group_id: string; name: string }[] = await this.dataSource.query(
      `SELECT gm.member_id, g.id AS group_id, g.name
       FROM members.group_memberships gm JOIN members.groups g ON g.id = gm.group_id
       WHERE gm.member_id = ANY($1::uuid[]) AND g.moderation_state = 'VISIBLE'
       ORDER BY g.search_name, g.id`,
      [memberIds.filter(isUuid)],
    );
    const groupIds = [...new Set(memberships.map((m) => m.group_id))];
    const joined: { group_id: string; id: string; display_name: string; commune_code: string | null; joined_at: Date }[] = groupIds.length
      ? await this.dataSource.query(
          `SELECT gm.group_id, m.id, m.display_name, m.commune_code, gm.joined_at
           FROM members.group_memberships gm JOIN members.members m ON m.id = gm.member_id
           WHERE gm.group_id = ANY($1::uuid[]) AND gm.joined_at >= $2
             AND m.profile_visibility IN ('PUBLIC', 'MEMBERS') AND m.moderation_state = 'VISIBLE' AND ${active(3)}
           ORDER BY gm.joined_at, m.id`,
          [groupIds, joinedSince, this.clock.now()],
        )
      : [];
    const newMembers = new Map<string, SystemNewcomer[]>();
    for (const r of joined) {
      const list = newMembers.get(r.group_id) ?? [];
      list.push({ memberId: r.id, displayName: r.display_name, communeCode: r.commune_code, joinedAt: r.joined_at });
      newMembers.set(r.group_id, list);
    }
    return memberIds.map((id) =>
      memberships
        .filter((m) => m.member_id === id)
        .map((m) => ({ groupId: m.group_id, name: m.name, newMembers: newMembers.get(m.group_id) ?? [] })),
    );
  }

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
    const rows: { id: string; email: string; display_name: string; event_reminders: boolean; welcome_follow_up: boolean }[] = await this.dataSource.query(
      `SELECT id, email, display_name, event_reminders, welcome_follow_up FROM members.members
       WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL AND email IS NOT NULL`,
      [ids],
    );
    return rows.map((r) => ({
      memberId: r.id,
      email: r.email,
      displayName: r.display_name,
      eventReminders: r.event_reminders,
      welcomeFollowUp: r.welcome_follow_up,
    }));
  }

  /**
   * The newcomers to nudge (the workers' daily scan): role MEMBER, active, with a confirmed address, joined in
   * (joinedAfter, joinedBefore], not come yet (no first participation) and never nudged; by id after `after`, at most
   * 500 (default 200).
   */
  async newcomersToNudge(joinedAfter: Date, joinedBefore: Date, first?: number | null, after?: string | null): Promise<SystemNewcomerToNudge[]> {
    requireSystem(this.viewer);
    if (joinedAfter.getTime() >= joinedBefore.getTime()) throw badInput("La fenêtre d'inscription est vide.", 'joinedAfter');
    const page = systemPage(first, after);
    const rows: { id: string; joined_at: Date; commune_code: string | null; buddy_id: string | null; profile_visibility: string; buddy_visibility: string | null }[] =
      await this.dataSource.query(
        `SELECT m.id, m.joined_at, m.commune_code, b.id AS buddy_id, m.profile_visibility, b.profile_visibility AS buddy_visibility
         FROM members.members m
         LEFT JOIN members.members b ON b.id = m.buddy_id AND b.deleted_at IS NULL
         WHERE m.joined_at > $1 AND m.joined_at <= $2 AND m.first_participation_at IS NULL AND m.nudged_at IS NULL
           AND m.role = 'MEMBER' AND m.email IS NOT NULL AND m.email_verified_at IS NOT NULL
           AND m.deleted_at IS NULL AND m.banned_at IS NULL AND (m.suspended_until IS NULL OR m.suspended_until <= $5::timestamptz)
           AND ($3::uuid IS NULL OR m.id > $3::uuid)
         ORDER BY m.id
         LIMIT $4`,
        [joinedAfter, joinedBefore, page.after, page.limit, this.clock.now()],
      );
    return rows.map((r) => ({
      memberId: r.id,
      joinedAt: r.joined_at,
      communeCode: r.commune_code,
      buddyId: r.buddy_id,
      profileVisibility: r.profile_visibility,
      buddyProfileVisibility: r.buddy_visibility,
    }));
  }

  /**
   * The workers copy members' first participation from events (recomputed there at each attendance change): sets it
   * on each member (null: they have not come, or not any more). Idempotent. Returns how many rows changed.
   */
  async recordFirstParticipations(entries: readonly { memberId: string; firstParticipationAt: Date | null }[]): Promise<number> {
    requireSystem(this.viewer);
    if (entries.length > 500) throw badInput('500 membres au plus par demande.', 'entries');
    const valid = entries.filter((e) => isUuid(e.memberId));
    if (!valid.length) return 0;
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE members.members m SET first_participation_at = v.at, updated_at = $3
       FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)
       WHERE m.id = v.id AND m.first_participation_at IS DISTINCT FROM v.at`,
      [valid.map((e) => e.memberId), valid.map((e) => e.firstParticipationAt), this.clock.now()],
    );
    return result[1];
  }

  /** The workers handled these newcomers' one nudge: recorded once (the first `nudgedAt` stays). Returns how many. */
  async recordNewcomerNudges(memberIds: readonly string[], nudgedAt: Date): Promise<number> {
    requireSystem(this.viewer);
    const ids = [...new Set(memberIds)].filter(isUuid);
    if (ids.length > 500) throw badInput('500 membres au plus par demande.', 'memberIds');
    if (!ids.length) return 0;
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE members.members SET nudged_at = $2 WHERE id = ANY($1::uuid[]) AND nudged_at IS NULL`,
      [ids, nudgedAt],
    );
    return result[1];
  }

  /** Staff and admins (active, with an address) who want the daily digest of what waits for the team. */
  async staffDigestRecipients(): Promise<SystemMemberForMail[]> {
    requireSystem(this.viewer);
    const rows: { id: string; email: string; display_name: string; event_reminders: boolean; welcome_follow_up: boolean }[] = await this.dataSource.query(
      `SELECT id, email, display_name, event_reminders, welcome_follow_up FROM members.members
       WHERE role IN ('STAFF', 'ADMIN') AND staff_digest AND ${digestMemberActive(1)}
       ORDER BY id`,
      [this.clock.now()],
    );
    return rows.map((r) => ({ memberId: r.id, email: r.email, displayName: r.display_name, eventReminders: r.event_reminders, welcomeFollowUp: r.welcome_follow_up }));
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

  /**
   * `networkMemberFigures` (issue #19, the events subgraph's `networkStats`): the territory and sign-up date of the
   * given members (the period's participants) and of every member who joined in [joinedFrom, joinedBefore), in one
   * statement. Staff and the platform: events asks it with the staff member's own token, through the gateway. Erased
   * members are left out (their registrations are gone too). At most MAX_FIGURE_IDS distinct ids.
   */
  async networkMemberFigures(memberIds: readonly string[], joinedFrom: Date, joinedBefore: Date): Promise<NetworkMemberFigure[]> {
    requireStaff(this.viewer);
    const distinct = [...new Set(memberIds)];
    if (distinct.length > MAX_FIGURE_IDS) throw badInput(`${MAX_FIGURE_IDS} membres au plus par demande.`, 'memberIds');
    if (distinct.some((id) => !isUuid(id))) throw badInput("Un des identifiants de membre n'est pas valide.", 'memberIds');
    if (!(joinedBefore > joinedFrom)) throw badInput('La fin de la période doit suivre son début.', 'joinedBefore');
    const rows: { id: string; commune_code: string | null; joined_at: Date }[] = await this.dataSource.query(
      `SELECT id, commune_code, joined_at FROM members.members
       WHERE deleted_at IS NULL AND (id = ANY($1::uuid[]) OR (joined_at >= $2 AND joined_at < $3))`,
      [distinct, joinedFrom, joinedBefore],
    );
    return rows.map((r) => {
      const commune = r.commune_code ? findCommune(r.commune_code) : undefined;
      return {
        memberId: r.id,
        communeCode: r.commune_code,
        territoryCode: commune?.territoryCode ?? null,
        inMetropole: r.commune_code ? (commune?.inMetropole ?? false) : null,
        joinedAt: r.joined_at,
      };
    });
  }
}

/** Ids `networkMemberFigures` takes at once (the gateway's 100 kB request body holds about 2,500 anyway). */
export const MAX_FIGURE_IDS = 10_000;

export interface NetworkMemberFigure {
  memberId: string;
  communeCode: string | null;
  territoryCode: string | null;
  /** Null when the member gave no commune; false for a commune outside the Métropole (or outside Île-de-France). */
  inMetropole: boolean | null;
  joinedAt: Date;
}

export interface SystemMemberForMail {
  memberId: string;
  email: string;
  displayName: string;
  eventReminders: boolean;
  welcomeFollowUp: boolean;
}

export interface SystemNewcomerToNudge {
  memberId: string;
  joinedAt: Date;
  communeCode: string | null;
  buddyId: string | null;
  profileVisibility: string;
  buddyProfileVisibility: string | null;
}

export interface MemberSystemContext {
  memberSystem: MemberSystemService;
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
  SystemDigestMember: {
    __resolveReference: (ref: { memberId: string }, ctx: BaseContext & MemberSystemContext) => ctx.memberSystem.digestMember(ref.memberId),
    groups: (member: SystemDigestMember, args: { joinedSince: Date }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.digestGroups(member.memberId, args.joinedSince),
  },
  Query: {
    systemMailSecret: (_: unknown, args: { kind: EmailLinkKind; id: string }, ctx: MembersContext) => mailSecret(ctx, args.kind, args.id),
    systemDigestMembers: (_: unknown, args: { frequency: string; first?: number | null; after?: string | null }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.digestMembers(args.frequency, args.first, args.after),
    systemDigestMember: (_: unknown, args: { memberId: string }, ctx: BaseContext & MemberSystemContext) => ctx.memberSystem.digestMember(args.memberId),
    systemMembersForMail: (_: unknown, args: { memberIds: string[] }, ctx: BaseContext & MemberSystemContext) => ctx.memberSystem.membersForMail(args.memberIds),
    systemStaffDigestRecipients: (_: unknown, _args: unknown, ctx: BaseContext & MemberSystemContext) => ctx.memberSystem.staffDigestRecipients(),
    systemNewcomersToNudge: (
      _: unknown,
      args: { joinedAfter: Date; joinedBefore: Date; first?: number | null; after?: string | null },
      ctx: BaseContext & MemberSystemContext,
    ) => ctx.memberSystem.newcomersToNudge(args.joinedAfter, args.joinedBefore, args.first, args.after),
    systemNewcomers: (_: unknown, args: { since: Date; first?: number | null; after?: string | null }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.newcomers(args.since, args.first, args.after),
    networkMemberFigures: (_: unknown, args: { memberIds: string[]; joinedFrom: Date; joinedBefore: Date }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.networkMemberFigures(args.memberIds, args.joinedFrom, args.joinedBefore),
  },
  Mutation: {
    recordFirstParticipations: (
      _: unknown,
      args: { entries: { memberId: string; firstParticipationAt: Date | null }[] },
      ctx: BaseContext & MemberSystemContext,
    ) => ctx.memberSystem.recordFirstParticipations(args.entries),
    recordNewcomerNudges: (_: unknown, args: { memberIds: string[]; nudgedAt: Date }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.recordNewcomerNudges(args.memberIds, args.nudgedAt),
  },
};
