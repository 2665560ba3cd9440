import { In, type DataSource, type Repository } from 'typeorm';
import { ReportEntity } from './report.entity';

export class ReportRepository {
  private readonly repo: Repository<ReportEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(ReportEntity);
  }

  findByIds(ids: readonly string[]): Promise<ReportEntity[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  findByReporter(reporterId: string): Promise<ReportEntity[]> {
    return this.repo.find({ where: { reporterId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }
}
