import type { Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { badInput, isUuid, requireStaff, requireSystem } from '@metropotes/graphql-kit';
import { findCommune } from '@metropotes/territories';
import DataLoader from 'dataloader';
import type { ProfileVisibility } from '../members';
import type { DigestMemberRow, MemberSystemRepository } from './member-system.repository';

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

/** Queries for the platform's workers only (system token): the digest reads its recipients in batches. Rules here, SQL in member-system.repository.ts. */
export class MemberSystemService {
  /** The groups of a batch's members, one loader per `joinedSince` (the batch's members all ask the same). */
  private readonly groupLoaders = new Map<number, DataLoader<string, SystemDigestGroup[]>>();

  constructor(
    private readonly repository: MemberSystemRepository,
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
    const memberships = await this.repository.visibleGroupsOf(memberIds.filter(isUuid));
    const groupIds = [...new Set(memberships.map((m) => m.group_id))];
    const joined = await this.repository.joinedSince(groupIds, joinedSince, this.clock.now());
    const newMembers = new Map<string, SystemNewcomer[]>();
    for (const r of joined) {
      const list = newMembers.get(r.group_id) ?? [];
      list.push({ memberId: r.id, displayName: r.display_name, communeCode: r.commune_code, joinedAt: r.joined_at });
      newMembers.set(r.group_id, list);
    }
    return memberIds.map((id) =>
      memberships.filter((m) => m.member_id === id).map((m) => ({ groupId: m.group_id, name: m.name, newMembers: newMembers.get(m.group_id) ?? [] })),
    );
  }

  async digestMembers(frequency: string, first?: number | null, after?: string | null): Promise<SystemDigestMember[]> {
    requireSystem(this.viewer);
    if (!FREQUENCIES.includes(frequency)) throw badInput("Cette fréquence n'existe pas.", 'frequency');
    const page = systemPage(first, after);
    const rows = await this.repository.digestMembers(frequency, page, this.clock.now());
    return rows.map(toDigestMember);
  }

  /** One member as the digest reads them, whatever their frequency (a preview, a letter sent on demand). */
  async digestMember(memberId: string): Promise<SystemDigestMember | null> {
    requireSystem(this.viewer);
    if (!isUuid(memberId)) return null;
    const rows = await this.repository.digestMember(memberId, this.clock.now());
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
    const rows = await this.repository.mailRecipients(ids);
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
    const rows = await this.repository.newcomersToNudge(joinedAfter, joinedBefore, page, this.clock.now());
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
  async recordFirstParticipations(entries: readonly { memberId: string; firstParticipationAt?: Date | null }[]): Promise<number> {
    requireSystem(this.viewer);
    if (entries.length > 500) throw badInput('500 membres au plus par demande.', 'entries');
    // An input without firstParticipationAt is one without (null).
    const valid = entries
      .filter((e) => isUuid(e.memberId))
      .map((e) => ({ memberId: e.memberId, firstParticipationAt: e.firstParticipationAt ?? null }));
    if (!valid.length) return 0;
    return this.repository.setFirstParticipations(valid, this.clock.now());
  }

  /** The workers handled these newcomers' one nudge: recorded once (the first `nudgedAt` stays). Returns how many. */
  async recordNewcomerNudges(memberIds: readonly string[], nudgedAt: Date): Promise<number> {
    requireSystem(this.viewer);
    const ids = [...new Set(memberIds)].filter(isUuid);
    if (ids.length > 500) throw badInput('500 membres au plus par demande.', 'memberIds');
    if (!ids.length) return 0;
    return this.repository.setNudged(ids, nudgedAt);
  }

  /** Staff and admins (active, with an address) who want the daily digest of what waits for the team. */
  async staffDigestRecipients(): Promise<SystemMemberForMail[]> {
    requireSystem(this.viewer);
    const rows = await this.repository.staffDigestRecipients(this.clock.now());
    return rows.map((r) => ({
      memberId: r.id,
      email: r.email,
      displayName: r.display_name,
      eventReminders: r.event_reminders,
      welcomeFollowUp: r.welcome_follow_up,
    }));
  }

  async newcomers(since: Date, first?: number | null, after?: string | null): Promise<SystemNewcomer[]> {
    requireSystem(this.viewer);
    const page = systemPage(first, after);
    const rows = await this.repository.newcomers(since, page, this.clock.now());
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
    const rows = await this.repository.memberFigures(distinct, joinedFrom, joinedBefore);
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
  profileVisibility: ProfileVisibility;
  buddyProfileVisibility: ProfileVisibility | null;
}
