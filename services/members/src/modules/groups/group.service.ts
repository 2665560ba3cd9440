import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import {
  badInput,
  decodeCursor,
  forbidden,
  groupLoader,
  isUuid,
  notFound,
  pageSize,
  requireMember,
  rowLoader,
  toConnection,
  type Connection,
} from '@metropotes/graphql-kit';
import { communesOfTerritory, foldName, isCommuneCode } from '@metropotes/territories';
import type DataLoader from 'dataloader';
import { assertWebUrl } from '../members';
import type { GroupEntity, GroupMembershipEntity, GroupRole, GroupVisibility } from './group.entity';
import { toGroupMemberModel, toGroupModel, type GroupMemberModel, type GroupModel } from './group.mapper';
import type { GroupChanges, GroupRepository } from './group.repository';

export interface GroupFilter {
  communeCode?: string | null;
  territoryCode?: string | null;
  search?: string | null;
}

export interface CreateGroupInput {
  name: string;
  description?: string | null;
  communeCode?: string | null;
  /** The URL scalar gives a URL. */
  website?: URL | string | null;
  visibility?: GroupVisibility | null;
}

/** Fields left out (undefined) are unchanged; null clears description, communeCode and website. */
export interface UpdateGroupInput {
  groupId: string;
  name?: string | null;
  description?: string | null;
  communeCode?: string | null;
  /** The URL scalar gives a URL. */
  website?: URL | string | null;
  visibility?: GroupVisibility | null;
}

export interface SetGroupMemberRoleInput {
  groupId: string;
  memberId: string;
  role: GroupRole;
}

const VISIBILITIES: readonly GroupVisibility[] = ['PUBLIC', 'MEMBERS'];

function cleanName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 120) throw badInput('Le nom du groupe doit contenir entre 2 et 120 caractères.', 'name');
  return name;
}

function cleanDescription(raw: string | null | undefined): string | null {
  const description = raw?.trim() || null;
  if (description && description.length > 5000) throw badInput('La description ne doit pas dépasser 5000 caractères.', 'description');
  return description;
}

function cleanCommune(code: string | null | undefined): string | null {
  if (code && !isCommuneCode(code)) {
    throw badInput("Cette commune n'existe pas en Île-de-France (code INSEE attendu, par exemple 93039).", 'communeCode');
  }
  return code || null;
}

function cleanVisibility(visibility: GroupVisibility | null | undefined): GroupVisibility {
  if (visibility && !VISIBILITIES.includes(visibility)) throw badInput("Cette visibilité n'existe pas.", 'visibility');
  return visibility ?? 'PUBLIC';
}

/** Groups are public; joining and creating need a signed-in member. One instance per request. */
export class GroupService {
  private readonly byId: DataLoader<string, GroupEntity | null>;
  private readonly membershipsOfGroup: DataLoader<string, GroupMembershipEntity[]>;
  private readonly membershipsOfMember: DataLoader<string, GroupMembershipEntity[]>;

  constructor(
    private readonly repository: GroupRepository,
    private readonly viewer: Viewer,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (row) => row.id,
    );
    this.membershipsOfGroup = groupLoader(
      (ids) => repository.membershipsOfGroups(ids),
      (row) => row.groupId,
    );
    this.membershipsOfMember = groupLoader(
      (ids) => repository.membershipsOfMembers(ids),
      (row) => row.memberId,
    );
  }

  async group(id: string): Promise<GroupModel | null> {
    if (!isUuid(id)) return null;
    const entity = await this.byId.load(id);
    return entity && this.canSee(entity) ? toGroupModel(entity) : null;
  }

  /**
   * Groups are public unless hidden by moderation (then staff only); a group for members only (visibility MEMBERS)
   * is not shown to visitors.
   */
  canSee(entity: GroupEntity): boolean {
    if (entity.moderationState === 'HIDDEN' && !isStaff(this.viewer)) return false;
    return entity.visibility !== 'MEMBERS' || this.viewer.kind !== 'anonymous';
  }

  async list(args: { filter?: GroupFilter | null; first?: number | null; after?: string | null }): Promise<Connection<GroupModel>> {
    const limit = pageSize(args.first);
    const values = decodeCursor(args.after, 1);
    if (values && !isUuid(values[0])) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    const filter = args.filter ?? {};
    let communeCodes: string[] | null = filter.communeCode ? [filter.communeCode] : null;
    if (filter.territoryCode) {
      const inTerritory = communesOfTerritory(filter.territoryCode);
      communeCodes = communeCodes ? communeCodes.filter((c) => inTerritory.includes(c)) : inTerritory;
    }
    if (communeCodes && !communeCodes.length)
      return toConnection(
        [],
        limit,
        () => [],
        toGroupModel,
        async () => 0,
      );
    const query = {
      communeCodes,
      search: filter.search ? foldName(filter.search) || null : null,
      visibleOnly: !isStaff(this.viewer),
      publicOnly: this.viewer.kind === 'anonymous',
    };
    const rows = await this.repository.list(query, limit + 1, (values?.[0] as string | undefined) ?? null);
    for (const row of rows) this.byId.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      (row) => [row.id],
      toGroupModel,
      () => this.repository.count(query),
    );
  }

  /** Memberships, admins first (the caller drops the members the viewer may not see). */
  async memberships(groupId: string): Promise<GroupMemberModel[]> {
    return (await this.membershipsOfGroup.load(groupId)).map(toGroupMemberModel);
  }

  async viewerRole(groupId: string): Promise<GroupMembershipEntity['role'] | null> {
    const me = memberIdOf(this.viewer);
    if (!me) return null;
    return (await this.membershipsOfGroup.load(groupId)).find((m) => m.memberId === me)?.role ?? null;
  }

  async groupsOfMember(memberId: string): Promise<GroupModel[]> {
    const memberships = await this.membershipsOfMember.load(memberId);
    const groups = await this.byId.loadMany(memberships.map((m) => m.groupId));
    return groups.filter((g): g is GroupEntity => !!g && !(g instanceof Error) && this.canSee(g)).map(toGroupModel);
  }

  async create(input: CreateGroupInput): Promise<GroupModel> {
    const creatorId = requireMember(this.viewer);
    const name = cleanName(input.name);
    const description = cleanDescription(input.description);
    const communeCode = cleanCommune(input.communeCode);
    const website = input.website ? assertWebUrl(input.website, 'website') : null;
    const visibility = cleanVisibility(input.visibility);
    const saved = await this.repository.create(
      { name, searchName: foldName(name), description, communeCode, website, visibility, createdBy: creatorId },
      creatorId,
    );
    return toGroupModel(saved);
  }

  async join(groupId: string): Promise<GroupModel> {
    const memberId = requireMember(this.viewer);
    const group = await this.existing(groupId);
    await this.repository.join(group.id, memberId);
    this.membershipsOfGroup.clear(group.id);
    this.membershipsOfMember.clear(memberId);
    return group;
  }

  async leave(groupId: string): Promise<GroupModel> {
    const memberId = requireMember(this.viewer);
    const group = await this.existing(groupId);
    await this.repository.leave(group.id, memberId);
    this.membershipsOfGroup.clear(group.id);
    this.membershipsOfMember.clear(memberId);
    return group;
  }

  /** Changes what a group says about itself: its admins and staff. */
  async update(input: UpdateGroupInput): Promise<GroupModel> {
    const group = await this.managed(input.groupId);
    const changes: GroupChanges = {};
    if (input.name !== undefined && input.name !== null) {
      changes.name = cleanName(input.name);
      changes.searchName = foldName(changes.name);
    }
    if (input.description !== undefined) changes.description = cleanDescription(input.description);
    if (input.communeCode !== undefined) changes.communeCode = cleanCommune(input.communeCode);
    if (input.website !== undefined) changes.website = input.website ? assertWebUrl(input.website, 'website') : null;
    if (input.visibility !== undefined && input.visibility !== null) changes.visibility = cleanVisibility(input.visibility);
    if (Object.keys(changes).length) await this.repository.update(group.id, changes);
    this.byId.clear(group.id);
    return (await this.group(group.id))!;
  }

  /** An admin (or staff) makes a member admin or plain member; the group keeps at least one admin. */
  async setRole(input: SetGroupMemberRoleInput): Promise<GroupModel> {
    const group = await this.managed(input.groupId);
    if (!['ADMIN', 'MEMBER'].includes(input.role)) throw badInput("Ce rôle n'existe pas.", 'role');
    if (!isUuid(input.memberId)) throw notFound("Cette personne n'est pas membre du groupe.");
    await this.repository.setRole(group.id, input.memberId, input.role);
    this.membershipsOfGroup.clear(group.id);
    this.membershipsOfMember.clear(input.memberId);
    return group;
  }

  /** An admin (or staff) removes a member; the last admin cannot be removed. */
  async removeMember(groupId: string, memberId: string): Promise<GroupModel> {
    const group = await this.managed(groupId);
    if (!isUuid(memberId)) throw notFound("Cette personne n'est pas membre du groupe.");
    await this.repository.remove(group.id, memberId);
    this.membershipsOfGroup.clear(group.id);
    this.membershipsOfMember.clear(memberId);
    return group;
  }

  /** The group, when the viewer may manage it (its admin or staff): UNAUTHENTICATED, NOT_FOUND or FORBIDDEN otherwise. */
  private async managed(groupId: string): Promise<GroupModel> {
    requireMember(this.viewer);
    const group = await this.existing(groupId);
    if (!isStaff(this.viewer) && (await this.viewerRole(group.id)) !== 'ADMIN') {
      throw forbidden("Seuls les administrateurs du groupe et l'équipe peuvent le gérer.");
    }
    return group;
  }

  /** The group, for a field that cannot be null (a message's group, the group one stops the messages of): NOT_FOUND if the viewer may not see it. */
  async existing(groupId: string): Promise<GroupModel> {
    const group = await this.group(groupId);
    if (!group) throw notFound('Ce groupe est introuvable.');
    return group;
  }
}
