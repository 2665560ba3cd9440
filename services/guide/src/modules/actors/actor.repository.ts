import { In, type DataSource, type Repository } from 'typeorm';
import { ActorEntity } from './actor.entity';

export interface ActorListQuery {
  kind: string | null;
  scale: string | null;
  communeCodes: string[] | null;
}

export class ActorRepository {
  private readonly repo: Repository<ActorEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(ActorEntity);
  }

  findByIds(ids: readonly string[]): Promise<ActorEntity[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  save(actor: Partial<ActorEntity>): Promise<ActorEntity> {
    return this.repo.save(this.repo.create(actor));
  }

  async update(id: string, changes: Partial<ActorEntity>): Promise<ActorEntity> {
    await this.repo.update({ id }, { ...changes, updatedAt: () => 'now()' } as never);
    return this.repo.findOneByOrFail({ id });
  }

  private listQuery(q: ActorListQuery) {
    const qb = this.repo.createQueryBuilder('a');
    if (q.kind) qb.andWhere('a.kind = :kind', { kind: q.kind });
    if (q.scale) qb.andWhere('a.scale = :scale', { scale: q.scale });
    if (q.communeCodes) qb.andWhere('a.commune_code = ANY(CAST(:codes AS text[]))', { codes: q.communeCodes });
    return qb;
  }

  list(q: ActorListQuery, after: [string, string] | null, limit: number): Promise<ActorEntity[]> {
    const qb = this.listQuery(q);
    if (after) qb.andWhere('(a.name, a.id) > (:afterName, :afterId)', { afterName: after[0], afterId: after[1] });
    return qb
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit + 1)
      .getMany();
  }

  count(q: ActorListQuery): Promise<number> {
    return this.listQuery(q).getCount();
  }
}
