import type { Viewer } from '@metropotes/auth';
import { badInput, isUuid, requireSystem, type BaseContext, type ServiceDeps } from '@metropotes/graphql-kit';
import { findCommune } from '@metropotes/territories';
import type { DataSource } from 'typeorm';

export interface SystemDigestMember {
  memberId: string;
  email: string;
  displayName: string;
  followedCommuneCodes: string[];
  followedTerritoryCodes: string[];
  followedThemes: string[];
}

export interface SystemNewcomer {
  memberId: string;
  displayName: string;
  communeCode: string | null;
  joinedAt: Date;
}

const FREQUENCIES = ['WEEKLY', 'MONTHLY', 'NONE'];

/** Queries for the platform's workers only (system token): the digest reads its recipients in batches. */
export class MemberSystemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
  ) {}

  async digestMembers(frequency: string, first?: number | null, after?: string | null): Promise<SystemDigestMember[]> {
    requireSystem(this.viewer);
    if (!FREQUENCIES.includes(frequency)) throw badInput("Cette fréquence n'existe pas.", 'frequency');
    if (after && !isUuid(after)) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    const limit = Math.min(Math.max(first ?? 200, 1), 500);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id, email, display_name, commune_code, followed_communes, followed_territories, followed_themes
       FROM members.members
       WHERE digest_frequency = $1 AND email IS NOT NULL AND deleted_at IS NULL AND banned_at IS NULL
         AND (suspended_until IS NULL OR suspended_until <= now())
         AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id
       LIMIT $3`,
      [frequency, after ?? null, limit],
    );
    return rows.map((r) => {
      const stored = r.followed_territories as string[] | null;
      const territory = r.commune_code ? findCommune(r.commune_code as string)?.territoryCode : null;
      return {
        memberId: r.id as string,
        email: r.email as string,
        displayName: r.display_name as string,
        followedCommuneCodes: (r.followed_communes as string[]) ?? [],
        followedTerritoryCodes: stored ?? (territory ? [territory] : []),
        followedThemes: (r.followed_themes as string[]) ?? [],
      };
    });
  }

  async newcomers(since: Date, first?: number | null, after?: string | null): Promise<SystemNewcomer[]> {
    requireSystem(this.viewer);
    if (after && !isUuid(after)) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    const limit = Math.min(Math.max(first ?? 200, 1), 500);
    const rows: { id: string; display_name: string; commune_code: string | null; joined_at: Date }[] = await this.dataSource.query(
      `SELECT id, display_name, commune_code, joined_at
       FROM members.members
       WHERE joined_at >= $1 AND profile_visibility IN ('PUBLIC', 'MEMBERS') AND moderation_state = 'VISIBLE'
         AND deleted_at IS NULL AND banned_at IS NULL AND (suspended_until IS NULL OR suspended_until <= now())
         AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id
       LIMIT $3`,
      [since, after ?? null, limit],
    );
    return rows.map((r) => ({ memberId: r.id, displayName: r.display_name, communeCode: r.commune_code, joinedAt: r.joined_at }));
  }
}

export interface MemberSystemContext {
  memberSystem: MemberSystemService;
}

/** Added to the members context (server.ts). */
export function memberSystemContext(base: BaseContext, deps: ServiceDeps): MemberSystemContext {
  return { memberSystem: new MemberSystemService(deps.dataSource, base.viewer) };
}

export const memberSystemResolvers = {
  Query: {
    systemDigestMembers: (_: unknown, args: { frequency: string; first?: number | null; after?: string | null }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.digestMembers(args.frequency, args.first, args.after),
    systemNewcomers: (_: unknown, args: { since: Date; first?: number | null; after?: string | null }, ctx: BaseContext & MemberSystemContext) =>
      ctx.memberSystem.newcomers(args.since, args.first, args.after),
  },
};
