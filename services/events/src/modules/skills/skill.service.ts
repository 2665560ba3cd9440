import type { Viewer } from '@metropotes/auth';
import { badInput, conflict, isUuid, notFound, requireStaff, rowLoader } from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { EventKind } from '../events';
import type { SkillEntity } from './skill.entity';
import type { SkillRepository } from './skill.repository';

export interface SkillInput {
  name: string;
  description?: string | null;
}

export interface UpdateSkillInput {
  name?: string | null;
  description?: string | null;
}

/** A skill as the API shows it. */
export interface SkillModel {
  id: string;
  name: string;
  description: string;
  archived: boolean;
  archivedAt: Date | null;
}

const toSkillModel = (s: SkillEntity): SkillModel => ({
  id: s.id,
  name: s.name,
  description: s.description,
  archived: s.archivedAt !== null,
  archivedAt: s.archivedAt,
});

/** The kinds of event that declare the skills they develop. */
export const KINDS_WITH_SKILLS: readonly EventKind[] = ['ATELIER', 'FORMATION'];

export const MAX_SKILL_NAME = 80;
export const MAX_SKILL_DESCRIPTION = 500;
/** At most this many skills on one event. */
export const MAX_EVENT_SKILLS = 10;

const NOT_FOUND_SKILL = 'Cette compétence est introuvable.';

function cleanName(name: string, field: string): string {
  const text = name.trim().replace(/\s+/g, ' ');
  if (!text) throw badInput('Le nom de la compétence ne peut pas être vide.', field);
  if (text.length > MAX_SKILL_NAME) throw badInput(`Le nom de la compétence ne peut pas dépasser ${MAX_SKILL_NAME} caractères.`, field);
  return text;
}

function cleanSkillDescription(description: string | null | undefined, field: string): string {
  const text = (description ?? '').trim();
  if (text.length > MAX_SKILL_DESCRIPTION) {
    throw badInput(`La description de la compétence ne peut pas dépasser ${MAX_SKILL_DESCRIPTION} caractères.`, field);
  }
  return text;
}

const isUniqueViolation = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * The skills staff keep (issue #19) and the check of the skills an event declares. Reading is public (the list is
 * shown on events); writing is staff's. One instance per request.
 */
export class SkillService {
  private readonly byId: DataLoader<string, SkillEntity | null>;

  constructor(
    private readonly repository: SkillRepository,
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (s) => s.id,
    );
  }

  async list(includeArchived: boolean | null | undefined): Promise<SkillModel[]> {
    return (await this.repository.list(includeArchived ?? false)).map(toSkillModel);
  }

  async get(id: string): Promise<SkillModel | null> {
    if (!isUuid(id)) return null;
    const skill = await this.byId.load(id);
    return skill ? toSkillModel(skill) : null;
  }

  /** The skills of an event, in its order (one query per request for every event read). */
  async ofEvent(skillIds: readonly string[]): Promise<SkillModel[]> {
    if (!skillIds.length) return [];
    const skills = await this.byId.loadMany([...skillIds]);
    return skills.filter((s): s is SkillEntity => s !== null && !(s instanceof Error)).map(toSkillModel);
  }

  private async nameTaken(name: string, exceptId: string | null): Promise<never | void> {
    const same = await this.repository.findByName(name, exceptId);
    if (same) throw this.nameConflict(same);
  }

  private nameConflict(same: SkillEntity | null) {
    return conflict(
      same?.archivedAt
        ? `Une compétence archivée s'appelle déjà « ${same.name} » : choisissez un autre nom.`
        : `Une compétence s'appelle déjà « ${same?.name ?? 'ainsi'} » : choisissez un autre nom.`,
      { field: 'input.name' },
    );
  }

  async create(input: SkillInput): Promise<SkillModel> {
    requireStaff(this.viewer);
    const name = cleanName(input.name, 'input.name');
    const description = cleanSkillDescription(input.description, 'input.description');
    await this.nameTaken(name, null);
    const created = await this.repository.insert({ name, description });
    if (!created) throw this.nameConflict(await this.repository.findByName(name, null));
    return toSkillModel(created);
  }

  async update(id: string, input: UpdateSkillInput): Promise<SkillModel> {
    requireStaff(this.viewer);
    if (!isUuid(id) || !(await this.byId.load(id))) throw notFound(NOT_FOUND_SKILL);
    const name = input.name === undefined || input.name === null ? undefined : cleanName(input.name, 'input.name');
    const description = input.description === undefined ? undefined : cleanSkillDescription(input.description, 'input.description');
    if (name !== undefined) await this.nameTaken(name, id);
    let updated: SkillEntity | null;
    try {
      updated = await this.repository.update(this.dataSource.manager, id, { name, description });
    } catch (error) {
      // Renamed at the same time as another skill took the name: the unique index decides.
      if (isUniqueViolation(error) && name !== undefined) throw this.nameConflict(await this.repository.findByName(name, id));
      throw error;
    }
    if (!updated) throw notFound(NOT_FOUND_SKILL);
    this.byId.clear(id).prime(id, updated);
    return toSkillModel(updated);
  }

  async archive(id: string): Promise<SkillModel> {
    requireStaff(this.viewer);
    const archived = isUuid(id) ? await this.repository.archive(id) : null;
    if (!archived) throw notFound(NOT_FOUND_SKILL);
    this.byId.clear(id).prime(id, archived);
    return toSkillModel(archived);
  }

  /**
   * The skills an event of `kind` may declare: `requested` deduplicated, in order. Only ATELIER and FORMATION declare
   * skills; each must exist and not be archived, except one the event already has (`current`: archived since, it
   * may stay). Null `requested` keeps `current` — emptied when the kind no longer declares skills.
   */
  async forEvent(
    kind: EventKind,
    requested: readonly string[] | null | undefined,
    current: readonly string[],
    field = 'input.skillIds',
  ): Promise<string[]> {
    const allowed = KINDS_WITH_SKILLS.includes(kind);
    if (requested === null || requested === undefined) return allowed ? [...current] : [];
    const ids = [...new Set(requested)];
    if (!ids.length) return [];
    if (!allowed) throw badInput('Seuls les ateliers et les formations déclarent des compétences travaillées.', field);
    if (ids.length > MAX_EVENT_SKILLS) throw badInput(`Un événement déclare au plus ${MAX_EVENT_SKILLS} compétences.`, field);
    const skills = await Promise.all(ids.map((id) => (isUuid(id) ? this.byId.load(id) : null)));
    skills.forEach((skill, i) => {
      if (!skill) throw badInput("Une des compétences choisies n'existe pas.", field);
      if (skill.archivedAt && !current.includes(ids[i]!)) {
        throw badInput(`La compétence « ${skill.name} » est archivée : elle ne peut plus être choisie.`, field);
      }
    });
    return ids;
  }
}
