import type { DataSource } from 'typeorm';
import type { ProfileVisibility } from '../members';

export interface DigestMemberRow {
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

interface MailRow {
  id: string;
  email: string;
  display_name: string;
  event_reminders: boolean;
  welcome_follow_up: boolean;
}

/** A page of the workers' batches: by id after `after`. */
export interface SystemPage {
  limit: number;
  after: string | null;
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

/** The SQL of the workers' queries (MemberSystemService holds the rules). `now`: the service's clock. */
export class MemberSystemRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The visible groups of these members. */
  visibleGroupsOf(memberIds: string[]): Promise<{ member_id: string; group_id: string; name: string }[]> {
    return this.dataSource.query(
      `SELECT gm.member_id, g.id AS group_id, g.name
       FROM members.group_memberships gm JOIN members.groups g ON g.id = gm.group_id
       WHERE gm.member_id = ANY($1::uuid[]) AND g.moderation_state = 'VISIBLE'
       ORDER BY g.search_name, g.id`,
      [memberIds],
    );
  }

  /** Who joined these groups since `since` (visible profiles of active members, at `now`). */
  async joinedSince(
    groupIds: string[],
    since: Date,
    now: Date,
  ): Promise<{ group_id: string; id: string; display_name: string; commune_code: string | null; joined_at: Date }[]> {
    if (!groupIds.length) return [];
    return this.dataSource.query(
      `SELECT gm.group_id, m.id, m.display_name, m.commune_code, gm.joined_at
       FROM members.group_memberships gm JOIN members.members m ON m.id = gm.member_id
       WHERE gm.group_id = ANY($1::uuid[]) AND gm.joined_at >= $2
         AND m.profile_visibility IN ('PUBLIC', 'MEMBERS') AND m.moderation_state = 'VISIBLE' AND ${active(3)}
       ORDER BY gm.joined_at, m.id`,
      [groupIds, since, now],
    );
  }

  digestMembers(frequency: string, page: SystemPage, now: Date): Promise<DigestMemberRow[]> {
    return this.dataSource.query(
      `SELECT ${DIGEST_MEMBER_COLUMNS}
       FROM members.members
       WHERE digest_frequency = $1 AND ${digestMemberActive(4)}
         AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id
       LIMIT $3`,
      [frequency, page.after, page.limit, now],
    );
  }

  digestMember(memberId: string, now: Date): Promise<DigestMemberRow[]> {
    return this.dataSource.query(`SELECT ${DIGEST_MEMBER_COLUMNS} FROM members.members WHERE id = $1 AND ${digestMemberActive(2)}`, [memberId, now]);
  }

  /** Not erased, with an address. */
  mailRecipients(ids: string[]): Promise<MailRow[]> {
    return this.dataSource.query(
      `SELECT id, email, display_name, event_reminders, welcome_follow_up FROM members.members
       WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL AND email IS NOT NULL`,
      [ids],
    );
  }

  newcomersToNudge(
    joinedAfter: Date,
    joinedBefore: Date,
    page: SystemPage,
    now: Date,
  ): Promise<
    {
      id: string;
      joined_at: Date;
      commune_code: string | null;
      buddy_id: string | null;
      profile_visibility: ProfileVisibility;
      buddy_visibility: ProfileVisibility | null;
    }[]
  > {
    return this.dataSource.query(
      `SELECT m.id, m.joined_at, m.commune_code, b.id AS buddy_id, m.profile_visibility, b.profile_visibility AS buddy_visibility
       FROM members.members m
       LEFT JOIN members.members b ON b.id = m.buddy_id AND b.deleted_at IS NULL
       WHERE m.joined_at > $1 AND m.joined_at <= $2 AND m.first_participation_at IS NULL AND m.nudged_at IS NULL
         AND m.role = 'MEMBER' AND m.email IS NOT NULL AND m.email_verified_at IS NOT NULL
         AND m.deleted_at IS NULL AND m.banned_at IS NULL AND (m.suspended_until IS NULL OR m.suspended_until <= $5::timestamptz)
         AND ($3::uuid IS NULL OR m.id > $3::uuid)
       ORDER BY m.id
       LIMIT $4`,
      [joinedAfter, joinedBefore, page.after, page.limit, now],
    );
  }

  /** Sets each member's first participation where it differs; how many rows changed. */
  async setFirstParticipations(entries: readonly { memberId: string; firstParticipationAt: Date | null }[], now: Date): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE members.members m SET first_participation_at = v.at, updated_at = $3
       FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)
       WHERE m.id = v.id AND m.first_participation_at IS DISTINCT FROM v.at`,
      [entries.map((e) => e.memberId), entries.map((e) => e.firstParticipationAt), now],
    );
    return result[1];
  }

  /** Records the nudge once (the first `nudgedAt` stays); how many rows changed. */
  async setNudged(ids: string[], nudgedAt: Date): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE members.members SET nudged_at = $2 WHERE id = ANY($1::uuid[]) AND nudged_at IS NULL`,
      [ids, nudgedAt],
    );
    return result[1];
  }

  staffDigestRecipients(now: Date): Promise<MailRow[]> {
    return this.dataSource.query(
      `SELECT id, email, display_name, event_reminders, welcome_follow_up FROM members.members
       WHERE role IN ('STAFF', 'ADMIN') AND staff_digest AND ${digestMemberActive(1)}
       ORDER BY id`,
      [now],
    );
  }

  newcomers(since: Date, page: SystemPage, now: Date): Promise<{ id: string; display_name: string; commune_code: string | null; joined_at: Date }[]> {
    return this.dataSource.query(
      `SELECT id, display_name, commune_code, joined_at
       FROM members.members
       WHERE joined_at >= $1 AND profile_visibility IN ('PUBLIC', 'MEMBERS') AND moderation_state = 'VISIBLE' AND ${active(4)}
         AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id
       LIMIT $3`,
      [since, page.after, page.limit, now],
    );
  }

  memberFigures(ids: string[], joinedFrom: Date, joinedBefore: Date): Promise<{ id: string; commune_code: string | null; joined_at: Date }[]> {
    return this.dataSource.query(
      `SELECT id, commune_code, joined_at FROM members.members
       WHERE deleted_at IS NULL AND (id = ANY($1::uuid[]) OR (joined_at >= $2 AND joined_at < $3))`,
      [ids, joinedFrom, joinedBefore],
    );
  }
}
