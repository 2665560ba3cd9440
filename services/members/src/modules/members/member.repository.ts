import { In, type DataSource, type Repository } from 'typeorm';
import { MemberEntity } from './member.entity';

export class MemberRepository {
  private readonly repo: Repository<MemberEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(MemberEntity);
  }

  /** One query for a whole batch (DataLoader calls this). */
  findByIds(ids: readonly string[]): Promise<MemberEntity[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  findByEmail(email: string): Promise<MemberEntity | null> {
    return this.repo.findOneBy({ email: email.toLowerCase() });
  }
}
