import type { Clock } from '@metropotes/config';
import { conflict, notFound } from '@metropotes/graphql-kit';
import { In, type DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import { escapeLike } from '../territories';
import { GroupEntity, GroupMembershipEntity, type GroupRole } from './group.entity';

export interface GroupFilterQuery {
  communeCodes?: string[] | null;
  /** Folded (foldName). */
  search?: string | null;
  /** Leave out groups hidden by moderation (everyone but staff). */
  visibleOnly?: boolean;
  /** Leave out groups for members only (visitors). */
  publicOnly?: boolean;
}

/** The columns `updateGroup` may change. */
export interface GroupChanges {
  name?: string;
  searchName?: string;
  description?: string | null;
  communeCode?: string | null;
  website?: string | null;
  visibility?: GroupEntity['visibility'];
}

export const LAST_ADMIN_MESSAGE = "Un groupe garde au moins un administrateur : nommez d'abord quelqu'un d'autre administrateur.";
const NOT_A_MEMBER = "Cette personne n'est pas membre du groupe.";

/** Groups left without an admin get one: their earliest member. */
export async function promoteAdminsWhereNone(manager: EntityManager, groupIds: string[]): Promise<void> {
  if (!groupIds.length) return;
  await manager.query(
    `UPDATE members.group_memberships gm SET role = 'ADMIN'
     FROM (
       SELECT DISTINCT ON (g.group_id) g.group_id, g.member_id
       FROM members.group_memberships g
       WHERE g.group_id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM members.group_memberships a WHERE a.group_id = g.group_id AND a.role = 'ADMIN')
       ORDER BY g.group_id, g.joined_at, g.member_id
     ) first
     WHERE gm.group_id = first.group_id AND gm.member_id = first.member_id`,
    [groupIds],
  );
}

export class GroupRepository {
  private readonly groups: Repository<GroupEntity>;
  private readonly memberships: Repository<GroupMembershipEntity>;

  constructor(
    private readonly dataSource: DataSource,
    /** The time written in updated_at. */
    private readonly clock: Clock,
  ) {
    this.groups = dataSource.getRepository(GroupEntity);
    this.memberships = dataSource.getRepository(GroupMembershipEntity);
  }

  findByIds(ids: readonly string[]): Promise<GroupEntity[]> {
    return this.groups.findBy({ id: In([...ids]) });
  }

  membershipsOfGroups(groupIds: readonly string[]): Promise<GroupMembershipEntity[]> {
    return this.memberships
      .createQueryBuilder('gm')
      .where('gm.group_id = ANY(:ids)', { ids: [...groupIds] })
      .orderBy(`CASE gm.role WHEN 'ADMIN' THEN 0 ELSE 1 END`)
      .addOrderBy('gm.joined_at', 'ASC')
      .addOrderBy('gm.member_id', 'ASC')
      .getMany();
  }

  membershipsOfMembers(memberIds: readonly string[]): Promise<GroupMembershipEntity[]> {
    return this.memberships
      .createQueryBuilder('gm')
      .where('gm.member_id = ANY(:ids)', { ids: [...memberIds] })
      .orderBy('gm.joined_at', 'ASC')
      .getMany();
  }

  list(filter: GroupFilterQuery, limit: number, after: string | null): Promise<GroupEntity[]> {
    const qb = this.filtered(filter);
    if (after) qb.andWhere('(g.search_name, g.id) > (SELECT a.search_name, a.id FROM members.groups a WHERE a.id = :after)', { after });
    return qb.orderBy('g.search_name', 'ASC').addOrderBy('g.id', 'ASC').limit(limit).getMany();
  }

  count(filter: GroupFilterQuery): Promise<number> {
    return this.filtered(filter).getCount();
  }

  /** Creates a group with its creator as admin, in one transaction. */
  create(group: Partial<GroupEntity>, creatorId: string): Promise<GroupEntity> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(GroupEntity).save(manager.getRepository(GroupEntity).create(group));
      await manager.getRepository(GroupMembershipEntity).insert({ groupId: saved.id, memberId: creatorId, role: 'ADMIN' });
      return saved;
    });
  }

  async join(groupId: string, memberId: string): Promise<void> {
    await this.memberships.createQueryBuilder().insert().values({ groupId, memberId, role: 'MEMBER' }).orIgnore().execute();
  }

  /** Leaves a group; if the last admin leaves, the earliest remaining member becomes admin. */
  async leave(groupId: string, memberId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(GroupMembershipEntity).delete({ groupId, memberId });
      await promoteAdminsWhereNone(manager, [groupId]);
    });
  }

  async update(groupId: string, changes: GroupChanges): Promise<void> {
    await this.groups.update({ id: groupId }, { ...changes, updatedAt: this.clock.now() });
  }

  /**
   * Changes a member's role (the group's row locked, so that two admins demoting each other at once cannot leave it
   * without one): NOT_FOUND when they are not a member, CONFLICT when it would leave the group without an admin.
   */
  async setRole(groupId: string, memberId: string, role: GroupRole): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const memberships = await this.lockedMemberships(manager, groupId);
      const target = memberships.find((m) => m.member_id === memberId);
      if (!target) throw notFound(NOT_A_MEMBER);
      if (target.role === role) return;
      if (role === 'MEMBER' && memberships.filter((m) => m.role === 'ADMIN').length === 1) throw conflict(LAST_ADMIN_MESSAGE, { field: 'role' });
      await manager.query(`UPDATE members.group_memberships SET role = $3 WHERE group_id = $1 AND member_id = $2`, [groupId, memberId, role]);
    });
  }

  /** Removes a member (the group's row locked): NOT_FOUND when not a member, CONFLICT for the last admin. */
  async remove(groupId: string, memberId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const memberships = await this.lockedMemberships(manager, groupId);
      const target = memberships.find((m) => m.member_id === memberId);
      if (!target) throw notFound(NOT_A_MEMBER);
      if (target.role === 'ADMIN' && memberships.filter((m) => m.role === 'ADMIN').length === 1)
        throw conflict(LAST_ADMIN_MESSAGE, { field: 'memberId' });
      await manager.query(`DELETE FROM members.group_memberships WHERE group_id = $1 AND member_id = $2`, [groupId, memberId]);
    });
  }

  private async lockedMemberships(manager: EntityManager, groupId: string): Promise<{ member_id: string; role: GroupRole }[]> {
    await manager.query(`SELECT id FROM members.groups WHERE id = $1 FOR UPDATE`, [groupId]);
    return manager.query(`SELECT member_id, role FROM members.group_memberships WHERE group_id = $1`, [groupId]);
  }

  private filtered(filter: GroupFilterQuery): SelectQueryBuilder<GroupEntity> {
    const qb = this.groups.createQueryBuilder('g').where('TRUE');
    if (filter.communeCodes) qb.andWhere('g.commune_code = ANY(:communes)', { communes: filter.communeCodes });
    if (filter.search) qb.andWhere(`(' ' || g.search_name) LIKE :search`, { search: `% ${escapeLike(filter.search)}%` });
    if (filter.visibleOnly) qb.andWhere(`g.moderation_state = 'VISIBLE'`);
    if (filter.publicOnly) qb.andWhere(`g.visibility = 'PUBLIC'`);
    return qb;
  }
}
