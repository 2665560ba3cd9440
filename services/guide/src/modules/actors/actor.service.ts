import type { Viewer } from '@metropotes/auth';
import { badInput, decodeCursor, isUuid, notFound, pageSize, requireStaff, rowLoader, toConnection, type Connection } from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import { communeFilter, validCommuneCode } from '../shared';
import type { ActorEntity, ActorKind } from './actor.entity';
import { toActorModel, type ActorModel } from './actor.mapper';
import type { ActorRepository } from './actor.repository';

export interface ActorInput {
  kind?: ActorKind | null;
  name?: string | null;
  scale?: string | null;
  communeCode?: string | null;
  website?: string | URL | null;
  contact?: string | null;
  description?: string | null;
}

export interface ActorFilter {
  kind?: ActorKind | null;
  scale?: string | null;
  communeCode?: string | null;
  territoryCode?: string | null;
}

/** The directory of actors: public to read, kept by the staff. One instance per request. */
export class ActorService {
  private readonly byId: DataLoader<string, ActorEntity | null>;

  constructor(
    private readonly repository: ActorRepository,
    private readonly viewer: Viewer,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (a) => a.id,
    );
  }

  async one(id: string): Promise<ActorModel | null> {
    if (!isUuid(id)) return null;
    const actor = await this.byId.load(id);
    return actor ? toActorModel(actor) : null;
  }

  /** Many actors through the per-request loader, in the given order, unknown ones left out. */
  async byIds(ids: string[]): Promise<ActorModel[]> {
    const actors = await this.byId.loadMany(ids.filter(isUuid));
    return actors.filter((a): a is ActorEntity => !!a && !(a instanceof Error)).map(toActorModel);
  }

  async list(filter: ActorFilter | null | undefined, first?: number | null, after?: string | null): Promise<Connection<ActorModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2) as [string, string] | null;
    if (cursor && (typeof cursor[0] !== 'string' || !isUuid(cursor[1]))) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    const query = { kind: filter?.kind ?? null, scale: filter?.scale ?? null, communeCodes: communeFilter(filter) };
    const rows = await this.repository.list(query, cursor, limit);
    for (const row of rows) this.byId.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      (a) => [a.name, a.id],
      toActorModel,
      () => this.repository.count(query),
    );
  }

  async create(input: ActorInput): Promise<ActorModel> {
    requireStaff(this.viewer);
    const name = checkName(input.name);
    const actor = await this.repository.save({
      kind: input.kind!,
      name,
      scale: input.scale!,
      communeCode: validCommuneCode(input.communeCode, 'input.communeCode'),
      website: input.website ? String(input.website) : null,
      contact: checkContact(input.contact),
      description: (input.description ?? '').trim(),
    });
    return toActorModel(actor);
  }

  async update(id: string, input: ActorInput): Promise<ActorModel> {
    requireStaff(this.viewer);
    const current = isUuid(id) ? await this.byId.load(id) : null;
    if (!current) throw notFound("Cet acteur n'existe pas.");
    const changes: Partial<ActorEntity> = {};
    if (input.kind) changes.kind = input.kind;
    if (input.scale) changes.scale = input.scale;
    if (input.name !== undefined && input.name !== null) changes.name = checkName(input.name);
    if (input.communeCode !== undefined) changes.communeCode = validCommuneCode(input.communeCode, 'input.communeCode');
    if (input.website !== undefined) changes.website = input.website ? String(input.website) : null;
    if (input.contact !== undefined) changes.contact = checkContact(input.contact);
    if (input.description !== undefined && input.description !== null) changes.description = input.description.trim();
    return toActorModel(await this.repository.update(current.id, changes));
  }
}

function checkName(name: string | null | undefined): string {
  const trimmed = (name ?? '').trim();
  if (trimmed.length < 2) throw badInput("Le nom de l'acteur doit faire au moins 2 caractères.", 'input.name');
  if (trimmed.length > 200) throw badInput("Le nom de l'acteur est limité à 200 caractères.", 'input.name');
  return trimmed;
}

function checkContact(contact: string | null | undefined): string | null {
  const trimmed = (contact ?? '').trim();
  if (trimmed.length > 500) throw badInput('Le contact est limité à 500 caractères.', 'input.contact');
  return trimmed || null;
}
