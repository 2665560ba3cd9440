import type { Clock } from '@metropotes/config';
import { rowsOf } from '@metropotes/database';
import type { DataSource, EntityManager } from 'typeorm';
import { SKILL_COLUMNS, type SkillEntity } from './skill.entity';

type Queryable = Pick<EntityManager, 'query'>;

/** SQL of events.skills. Rows record the clock's time (created_at, updated_at, archived_at). */
export class SkillRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async findByIds(ids: readonly string[]): Promise<SkillEntity[]> {
    return this.dataSource.query(`SELECT ${SKILL_COLUMNS} FROM events.skills s WHERE s.id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** By name (French collation); the archived ones, when asked, after the others. */
  async list(includeArchived: boolean): Promise<SkillEntity[]> {
    return this.dataSource.query(
      `SELECT ${SKILL_COLUMNS} FROM events.skills s ${includeArchived ? '' : 'WHERE s.archived_at IS NULL'}
       ORDER BY s.archived_at IS NOT NULL, lower(s.name) COLLATE "und-x-icu", s.id`,
    );
  }

  /** The skill of that name whatever its case, other than `exceptId`. */
  async findByName(name: string, exceptId: string | null): Promise<SkillEntity | null> {
    const rows: SkillEntity[] = await this.dataSource.query(
      `SELECT ${SKILL_COLUMNS} FROM events.skills s WHERE lower(s.name) = lower($1) AND ($2::uuid IS NULL OR s.id <> $2::uuid)`,
      [name, exceptId],
    );
    return rows[0] ?? null;
  }

  /** Inserts a skill; null when the name is taken (a concurrent insert: the unique index decides). */
  async insert(values: { name: string; description: string }): Promise<SkillEntity | null> {
    const rows: SkillEntity[] = await this.dataSource.query(
      `INSERT INTO events.skills AS s (name, description, created_at, updated_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (lower(name)) DO NOTHING RETURNING ${SKILL_COLUMNS}`,
      [values.name, values.description, this.clock.now()],
    );
    return rows[0] ?? null;
  }

  async update(manager: Queryable, id: string, values: { name?: string; description?: string }): Promise<SkillEntity | null> {
    const rows = rowsOf<SkillEntity>(
      await manager.query(
        `UPDATE events.skills s SET name = coalesce($2, s.name), description = coalesce($3, s.description), updated_at = $4
         WHERE s.id = $1 RETURNING ${SKILL_COLUMNS}`,
        [id, values.name ?? null, values.description ?? null, this.clock.now()],
      ),
    );
    return rows[0] ?? null;
  }

  /** Archives it (once: a second call keeps the first date). */
  async archive(id: string): Promise<SkillEntity | null> {
    const now = this.clock.now();
    const rows = rowsOf<SkillEntity>(
      await this.dataSource.query(
        `UPDATE events.skills s SET archived_at = coalesce(s.archived_at, $2), updated_at = CASE WHEN s.archived_at IS NULL THEN $2 ELSE s.updated_at END
         WHERE s.id = $1 RETURNING ${SKILL_COLUMNS}`,
        [id, now],
      ),
    );
    return rows[0] ?? null;
  }
}
