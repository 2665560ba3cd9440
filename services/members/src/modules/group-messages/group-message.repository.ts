import type { Clock } from '@metropotes/config';
import { lockKey, rowsOf } from '@metropotes/database';
import type { DataSource, EntityManager } from 'typeorm';

export interface GroupMessageRow {
  id: string;
  groupId: string;
  authorId: string | null;
  subject: string;
  body: string;
  moderationState: 'VISIBLE' | 'HIDDEN';
  createdAt: Date;
}

export interface GroupForMessage {
  id: string;
  name: string;
  moderationState: 'VISIBLE' | 'HIDDEN';
}

const COLUMNS = `m.id, m.group_id AS "groupId", m.author_id AS "authorId", m.subject, m.body, m.moderation_state AS "moderationState", m.created_at AS "createdAt"`;

/** Not erased, banned or suspended at the instant of parameter `$n` (the service's clock). */
const activeMember = (n: number) =>
  `mm.deleted_at IS NULL AND mm.banned_at IS NULL AND mm.email IS NOT NULL AND (mm.suspended_until IS NULL OR mm.suspended_until <= $${n}::timestamptz)`;

/** SQL of group messages (members.group_messages) and of the per-membership `receives_messages` flag. */
export class GroupMessageRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async group(groupId: string): Promise<GroupForMessage | null> {
    const rows: GroupForMessage[] = await this.dataSource.query(
      `SELECT id, name, moderation_state AS "moderationState" FROM members.groups WHERE id = $1`,
      [groupId],
    );
    return rows[0] ?? null;
  }

  /** The member's memberships among these groups: role and whether they receive the messages. */
  async memberships(memberId: string, groupIds: readonly string[]): Promise<{ groupId: string; role: string; receivesMessages: boolean }[]> {
    return this.dataSource.query(
      `SELECT group_id AS "groupId", role, receives_messages AS "receivesMessages" FROM members.group_memberships
       WHERE member_id = $1 AND group_id = ANY($2::uuid[])`,
      [memberId, [...groupIds]],
    );
  }

  async findByIds(ids: readonly string[]): Promise<GroupMessageRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM members.group_messages m WHERE m.id = ANY($1::uuid[])`, [[...ids]]);
  }

  async latest(groupId: string, limit: number, withHidden: boolean): Promise<GroupMessageRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM members.group_messages m
       WHERE m.group_id = $1 ${withHidden ? '' : `AND m.moderation_state = 'VISIBLE'`}
       ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
      [groupId, limit],
    );
  }

  /**
   * Locks the group's messages for the rest of the transaction (two admins sending at once are counted one after
   * the other) and tells when its messages of the window were sent (every message counts, hidden ones too).
   */
  async lockAndCountSince(manager: EntityManager, groupId: string, since: Date): Promise<Date[]> {
    await lockKey(manager, `members:group-messages:${groupId}`);
    const rows: { createdAt: Date }[] = await manager.query(
      `SELECT created_at AS "createdAt" FROM members.group_messages WHERE group_id = $1 AND created_at > $2 ORDER BY created_at`,
      [groupId, since],
    );
    return rows.map((r) => new Date(r.createdAt));
  }

  async insert(manager: EntityManager, row: { groupId: string; authorId: string; subject: string; body: string }): Promise<GroupMessageRow> {
    const rows: GroupMessageRow[] = await manager.query(
      `INSERT INTO members.group_messages AS m (group_id, author_id, subject, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [row.groupId, row.authorId, row.subject, row.body, this.clock.now()],
    );
    return rows[0]!;
  }

  /** Sets the flag; false when the member is not in the group. */
  async setReception(groupId: string, memberId: string, receive: boolean): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE members.group_memberships SET receives_messages = $3 WHERE group_id = $1 AND member_id = $2 RETURNING group_id`,
      [groupId, memberId, receive],
    );
    return rowsOf(result).length > 0;
  }

  async authorName(memberId: string | null): Promise<string | null> {
    if (!memberId) return null;
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT display_name AS name FROM members.members WHERE id = $1 AND deleted_at IS NULL`,
      [memberId],
    );
    return rows[0]?.name ?? null;
  }

  /** The recipients of a group's messages: members who receive them and may be e-mailed now, by id after `after`. */
  async recipients(groupId: string, after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT gm.member_id AS id FROM members.group_memberships gm JOIN members.members mm ON mm.id = gm.member_id
       WHERE gm.group_id = $1 AND gm.receives_messages AND ${activeMember(4)} AND ($2::uuid IS NULL OR gm.member_id > $2::uuid)
       ORDER BY gm.member_id LIMIT $3`,
      [groupId, after, limit, this.clock.now()],
    );
    return rows.map((r) => r.id);
  }
}
