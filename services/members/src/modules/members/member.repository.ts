import type { Clock } from '@metropotes/config';
import { In, type DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import { escapeLike } from '../territories';
import { MemberEntity } from './member.entity';

/** Who is looking at a list: decides which profiles it may contain. */
export type ListScope = { kind: 'staff' } | { kind: 'member'; memberId: string } | { kind: 'anonymous' };

export interface MemberFilterQuery {
  communeCodes?: string[] | null;
  interest?: string | null;
  /** Folded (foldName). */
  search?: string | null;
}

export class MemberRepository {
  private readonly repo: Repository<MemberEntity>;

  constructor(
    private readonly dataSource: DataSource,
    /** Times the rows record (updated_at, welcomed_at) come from the service's clock. */
    private readonly clock: Clock,
  ) {
    this.repo = dataSource.getRepository(MemberEntity);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The member's row, locked until the end of the transaction. */
  lockForUpdate(manager: EntityManager, id: string): Promise<MemberEntity | null> {
    return manager.getRepository(MemberEntity).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
  }

  /** One query for a whole batch (DataLoader calls this). */
  findByIds(ids: readonly string[]): Promise<MemberEntity[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  findByEmail(email: string): Promise<MemberEntity | null> {
    return this.repo.findOneBy({ email: email.toLowerCase() });
  }

  async update(id: string, patch: Partial<MemberEntity>, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(MemberEntity) : this.repo;
    await repo.update({ id }, { ...patch, updatedAt: this.clock.now() });
  }

  /** Marks a newcomer welcomed; false when someone else already did (no double welcome under concurrency). */
  async markWelcomed(id: string, by: string | null, note: string | null): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ welcomeStatus: 'WELCOMED', welcomedAt: now, welcomedBy: by, welcomeNote: note, updatedAt: now })
      .where(`id = :id AND welcome_status = 'NEW'`, { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Marks the newcomers among `ids` welcomed, in the caller's transaction; the ids it marked. */
  async markManyWelcomed(manager: EntityManager, ids: string[], by: string | null, note: string | null): Promise<string[]> {
    const now = this.clock.now();
    const result = await manager
      .getRepository(MemberEntity)
      .createQueryBuilder()
      .update()
      .set({ welcomeStatus: 'WELCOMED', welcomedAt: now, welcomedBy: by, welcomeNote: note, updatedAt: now })
      .where(`id = ANY(:ids) AND welcome_status = 'NEW' AND deleted_at IS NULL`, { ids })
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((row) => row.id);
  }

  /** The directory: visible, not erased profiles, by name. `after` is the id of the last row seen. */
  list(filter: MemberFilterQuery, scope: ListScope, limit: number, after: string | null): Promise<MemberEntity[]> {
    const qb = this.filtered(filter, scope);
    if (after) {
      qb.andWhere('(m.search_name, m.id) > (SELECT a.search_name, a.id FROM members.members a WHERE a.id = :after)', { after });
    }
    return qb.orderBy('m.search_name', 'ASC').addOrderBy('m.id', 'ASC').limit(limit).getMany();
  }

  count(filter: MemberFilterQuery, scope: ListScope): Promise<number> {
    return this.filtered(filter, scope).getCount();
  }

  /** Members not yet welcomed, oldest first. */
  newcomers(limit: number, after: string | null): Promise<MemberEntity[]> {
    const qb = this.newcomersQuery();
    if (after) {
      qb.andWhere('(m.joined_at, m.id) > (SELECT a.joined_at, a.id FROM members.members a WHERE a.id = :after)', { after });
    }
    return qb.orderBy('m.joined_at', 'ASC').addOrderBy('m.id', 'ASC').limit(limit).getMany();
  }

  countNewcomers(): Promise<number> {
    return this.newcomersQuery().getCount();
  }

  /** Members (role MEMBER, not erased or banned) who joined at or after `since` and have not come yet, oldest first. */
  notComeYet(since: Date, limit: number, after: string | null): Promise<MemberEntity[]> {
    const qb = this.notComeYetQuery(since);
    if (after) {
      qb.andWhere('(m.joined_at, m.id) > (SELECT a.joined_at, a.id FROM members.members a WHERE a.id = :after)', { after });
    }
    return qb.orderBy('m.joined_at', 'ASC').addOrderBy('m.id', 'ASC').limit(limit).getMany();
  }

  countNotComeYet(since: Date): Promise<number> {
    return this.notComeYetQuery(since).getCount();
  }

  private notComeYetQuery(since: Date): SelectQueryBuilder<MemberEntity> {
    return this.repo
      .createQueryBuilder('m')
      .where(`m.first_participation_at IS NULL AND m.deleted_at IS NULL AND m.banned_at IS NULL AND m.role = 'MEMBER'`)
      .andWhere('m.joined_at >= :since', { since });
  }

  /**
   * Welcomed members of the same territory, most shared interests first. When the newcomer has interests,
   * only members sharing at least one of them.
   */
  suggestedBuddies(member: MemberEntity, communeCodes: string[], limit: number): Promise<MemberEntity[]> {
    const qb = this.repo
      .createQueryBuilder('m')
      .where('m.deleted_at IS NULL AND m.banned_at IS NULL')
      .andWhere(`m.welcome_status = 'WELCOMED'`)
      .andWhere('m.id <> :id', { id: member.id })
      .andWhere('m.commune_code = ANY(:communes)', { communes: communeCodes });
    if (member.interests.length) qb.andWhere('m.interests && CAST(:interests AS text[])', { interests: member.interests });
    return qb
      .setParameter('interests', member.interests)
      .orderBy('cardinality(ARRAY(SELECT unnest(m.interests) INTERSECT SELECT unnest(CAST(:interests AS text[]))))', 'DESC')
      .addOrderBy('m.joined_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  private newcomersQuery(): SelectQueryBuilder<MemberEntity> {
    return this.repo.createQueryBuilder('m').where(`m.welcome_status = 'NEW' AND m.deleted_at IS NULL`);
  }

  private filtered(filter: MemberFilterQuery, scope: ListScope): SelectQueryBuilder<MemberEntity> {
    const qb = this.repo.createQueryBuilder('m').where('m.deleted_at IS NULL');
    if (scope.kind === 'anonymous') qb.andWhere(`m.profile_visibility = 'PUBLIC' AND m.moderation_state = 'VISIBLE'`);
    if (scope.kind === 'member') {
      qb.andWhere(`((m.profile_visibility IN ('PUBLIC','MEMBERS') AND m.moderation_state = 'VISIBLE') OR m.id = :viewerId)`, {
        viewerId: scope.memberId,
      });
    }
    if (filter.communeCodes) qb.andWhere('m.commune_code = ANY(:communes)', { communes: filter.communeCodes });
    if (filter.interest) qb.andWhere(':interest = ANY(m.interests)', { interest: filter.interest });
    if (filter.search) qb.andWhere(`(' ' || m.search_name) LIKE :search`, { search: `% ${escapeLike(filter.search)}%` });
    return qb;
  }
}
