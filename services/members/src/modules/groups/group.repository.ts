import { In, type DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import { escapeLike } from '../territories/territory.repository';
import { GroupEntity, GroupMembershipEntity } from './group.entity';

export interface GroupFilterQuery {
  communeCodes?: string[] | null;
  /** Folded (foldName). */
  search?: string | null;
  /** Leave out groups hidden by moderation (everyone but staff). */
  visibleOnly?: boolean;
}

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

  constructor(private readonly dataSource: DataSource) {
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
    await this.memberships
      .createQueryBuilder()
      .insert()
      .values({ groupId, memberId, role: 'MEMBER' })
      .orIgnore()
      .execute();
  }

  /** Leaves a group; if the last admin leaves, the earliest remaining member becomes admin. */
  async leave(groupId: string, memberId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(GroupMembershipEntity).delete({ groupId, memberId });
      await promoteAdminsWhereNone(manager, [groupId]);
    });
  }

  private filtered(filter: GroupFilterQuery): SelectQueryBuilder<GroupEntity> {
    const qb = this.groups.createQueryBuilder('g').where('TRUE');
    if (filter.communeCodes) qb.andWhere('g.commune_code = ANY(:communes)', { communes: filter.communeCodes });
    if (filter.search) qb.andWhere(`(' ' || g.search_name) LIKE :search`, { search: `% ${escapeLike(filter.search)}%` });
    if (filter.visibleOnly) qb.andWhere(`g.moderation_state = 'VISIBLE'`);
    return qb;
  }
}
