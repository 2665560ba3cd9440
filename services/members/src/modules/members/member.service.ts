import { isStaff, memberIdOf, type MemberRole, type Viewer } from '@metropotes/auth';
import {
  badInput,
  conflict,
  forbidden,
  decodeCursor,
  isUuid,
  notFound,
  pageSize,
  requireAdmin,
  requireMember,
  requireStaff,
  rowLoader,
  toConnection,
  unauthenticated,
  type Connection,
} from '@metropotes/graphql-kit';
import { communesOfTerritory, findCommune, foldName, isCommuneCode, isTerritoryCode } from '@metropotes/territories';
import type { Clock } from '@metropotes/config';
import { withOutbox } from '@metropotes/jobs';
import type { MembersOutbox } from '../../outbox';
import type DataLoader from 'dataloader';
import type { SessionVersions } from './session-versions';
import type { MemberEntity } from './member.entity';
import { toErasedMemberModel, toMemberModel, type MemberModel } from './member.mapper';
import type { ListScope, MemberRepository } from './member.repository';
import { sanctionError } from './sanction-error';
import { SCALE_KEYS, THEME_KEYS } from './themes';

export interface MemberFilter {
  communeCode?: string | null;
  territoryCode?: string | null;
  interest?: string | null;
  search?: string | null;
}

export interface UpdateProfileInput {
  displayName?: string | null;
  bio?: string | null;
  /** The URL scalar gives a URL. */
  avatarUrl?: URL | string | null;
  communeCode?: string | null;
  neighbourhood?: string | null;
  interests?: string[] | null;
  skills?: string[] | null;
  profileVisibility?: MemberEntity['profileVisibility'] | null;
  showAttendedEvents?: boolean | null;
}

export interface NotificationPreferencesInput {
  digestFrequency?: MemberEntity['digestFrequency'] | null;
  followedCommunes?: string[] | null;
  followedTerritories?: string[] | null;
  followedThemes?: string[] | null;
  followedScales?: string[] | null;
  eventReminders?: boolean | null;
  staffDigest?: boolean | null;
  welcomeFollowUp?: boolean | null;
}

export interface NewcomerFilter {
  /** True: the members who have not come to an event yet (no first participation), oldest sign-up first. */
  withoutParticipation?: boolean | null;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** How far back the staff's « pas encore venu·es » list looks (sign-ups of the last 26 weeks). */
export const NOT_COME_YET_WEEKS = 26;
const MAX_BIO = 2000;
const MAX_SKILLS = 20;
const MAX_FOLLOWED = 50;
const MAX_BULK_WELCOME = 100;

export function assertDisplayName(value: string, field = 'displayName'): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 80) throw badInput('Le nom affiché doit contenir entre 2 et 80 caractères.', field);
  return name;
}

/** Only web addresses (no javascript: or data: links), at most 500 characters. `value`: what the URL scalar gives (a URL), or text. */
export function assertWebUrl(value: URL | string, field: string): string {
  const text = value.toString();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput("Cette adresse web n'est pas valide.", field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badInput('Seules les adresses web en http:// ou https:// sont acceptées.', field);
  }
  if (text.length > 500) throw badInput("L'adresse web est trop longue (500 caractères au plus).", field);
  return url.toString();
}

/** The rules about who sees which member. One instance per request. */
export class MemberService {
  private readonly byId: DataLoader<string, MemberEntity | null>;
  /** Members this request signed in (sign-up, log-in): they read their own profile in the answer. */
  private readonly selfIds = new Set<string>();

  constructor(
    private readonly repository: MemberRepository,
    private readonly viewer: Viewer,
    /** For role changes: the old tokens stop working, and the change goes into the moderation log. */
    private readonly roleChanges: { sessionVersions: SessionVersions; outbox: MembersOutbox },
    /** "Now" for sanctions (is a suspension over?) and the time of a role change in the moderation log. */
    private readonly clock: Clock,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (row) => row.id,
    );
  }

  /** A member as the viewer may see them, or null (hidden and missing look the same). */
  async visible(id: string): Promise<MemberModel | null> {
    if (!isUuid(id)) return null;
    const entity = await this.byId.load(id);
    if (!entity || !this.canSee(entity)) return null;
    return toMemberModel(entity);
  }

  /** For other subgraphs' references: like `visible`, but an erased account shows as "Ancien membre". */
  async reference(id: string): Promise<MemberModel | null> {
    if (!isUuid(id)) return null;
    const entity = await this.byId.load(id);
    if (!entity) return null;
    if (entity.deletedAt) return toErasedMemberModel(entity);
    return this.canSee(entity) ? toMemberModel(entity) : null;
  }

  async me(): Promise<MemberModel | null> {
    const id = memberIdOf(this.viewer);
    if (!id) return null;
    const entity = await this.byId.load(id);
    return entity && !entity.deletedAt ? toMemberModel(entity) : null;
  }

  /** The signed-in member's id, refusing an account erased while its access token is still valid. */
  async requireActiveMember(): Promise<string> {
    const id = requireMember(this.viewer);
    const entity = await this.byId.load(id);
    if (!entity || entity.deletedAt) throw unauthenticated();
    // Banned or suspended (modules/moderation): no writes while the access token still runs.
    const sanctioned = sanctionError(entity, this.clock.now());
    if (sanctioned) throw sanctioned;
    return id;
  }

  /** The member a session was just opened for: they see themselves whatever their visibility. */
  async visibleAsSelf(id: string): Promise<MemberModel> {
    this.byId.clear(id);
    const entity = await this.byId.load(id);
    if (!entity) throw new Error(`member ${id} vanished`);
    this.selfIds.add(id);
    return toMemberModel(entity);
  }

  canSee(entity: MemberEntity): boolean {
    if (entity.deletedAt) return false;
    if (isStaff(this.viewer)) return true;
    if (memberIdOf(this.viewer) === entity.id || this.selfIds.has(entity.id)) return true;
    // Hidden by moderation: like a STAFF-visibility profile (modules/moderation).
    if (entity.moderationState === 'HIDDEN') return false;
    if (entity.profileVisibility === 'PUBLIC') return true;
    return entity.profileVisibility === 'MEMBERS' && this.viewer.kind === 'member';
  }

  isSelf(member: MemberModel): boolean {
    return memberIdOf(this.viewer) === member.id || this.selfIds.has(member.id);
  }

  /** E-mail addresses are for the member themselves and staff only. */
  canReadEmail(member: MemberModel): boolean {
    return isStaff(this.viewer) || this.isSelf(member);
  }

  /** Notification preferences: the member themselves (and the platform composing digests). */
  canReadPreferences(member: MemberModel): boolean {
    return this.viewer.kind === 'system' || this.isSelf(member);
  }

  /** Whole weeks since the member signed up (the service's clock): the member and staff only. */
  weeksSinceSignUp(member: MemberModel): number | null {
    if (!isStaff(this.viewer) && !this.isSelf(member)) return null;
    return Math.max(0, Math.floor((this.clock.now().getTime() - member.joinedAt.getTime()) / WEEK_MS));
  }

  isStaffViewer(): boolean {
    return isStaff(this.viewer);
  }

  /** The buddy: seen by the member, by the buddy and by staff. */
  canReadBuddy(member: MemberModel): boolean {
    return isStaff(this.viewer) || this.isSelf(member) || (member.buddyId !== null && memberIdOf(this.viewer) === member.buddyId);
  }

  /** Default followed territories: the territory of the member's commune. */
  followedTerritoryCodes(member: MemberModel): string[] {
    const stored = member.notificationPreferences.followedTerritoryCodes;
    if (stored) return stored;
    const territory = member.communeCode ? findCommune(member.communeCode)?.territoryCode : null;
    return territory ? [territory] : [];
  }

  async list(args: { filter?: MemberFilter | null; first?: number | null; after?: string | null }): Promise<Connection<MemberModel>> {
    const limit = pageSize(args.first);
    const after = this.afterId(args.after);
    const query = this.filterQuery(args.filter ?? {});
    const scope = this.scope();
    if (query === null)
      return toConnection(
        [],
        limit,
        () => [],
        toMemberModel,
        async () => 0,
      );
    const rows = await this.repository.list(query, scope, limit + 1, after);
    for (const row of rows) this.byId.prime(row.id, row);
    const visible = rows.filter((row) => this.canSee(row));
    return toConnection(
      visible,
      limit,
      (row) => [row.id],
      toMemberModel,
      () => this.repository.count(query, scope),
    );
  }

  /**
   * Staff: the members not yet welcomed, oldest first; with `withoutParticipation`, instead the members who joined in
   * the last NOT_COME_YET_WEEKS weeks and have not come to an event yet (welcomed or not), oldest sign-up first.
   */
  async newcomers(args: { first?: number | null; after?: string | null; filter?: NewcomerFilter | null }): Promise<Connection<MemberModel>> {
    requireStaff(this.viewer);
    const limit = pageSize(args.first);
    if (args.filter?.withoutParticipation) {
      const since = new Date(this.clock.now().getTime() - NOT_COME_YET_WEEKS * WEEK_MS);
      const rows = await this.repository.notComeYet(since, limit + 1, this.afterId(args.after));
      for (const row of rows) this.byId.prime(row.id, row);
      return toConnection(
        rows,
        limit,
        (row) => [row.id],
        toMemberModel,
        () => this.repository.countNotComeYet(since),
      );
    }
    const rows = await this.repository.newcomers(limit + 1, this.afterId(args.after));
    for (const row of rows) this.byId.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      (row) => [row.id],
      toMemberModel,
      () => this.repository.countNewcomers(),
    );
  }

  async updateMyProfile(input: UpdateProfileInput): Promise<MemberModel> {
    const id = await this.requireActiveMember();
    const current = await this.loadActive(id);
    const patch: Partial<MemberEntity> = {};
    if (input.displayName !== undefined) {
      if (input.displayName === null) throw badInput('Le nom affiché ne peut pas être vide.', 'displayName');
      patch.displayName = assertDisplayName(input.displayName);
      patch.searchName = foldName(patch.displayName);
    }
    if (input.bio !== undefined) {
      const bio = input.bio?.trim() || null;
      if (bio && bio.length > MAX_BIO) throw badInput(`La présentation ne doit pas dépasser ${MAX_BIO} caractères.`, 'bio');
      patch.bio = bio;
    }
    if (input.avatarUrl !== undefined) patch.avatarUrl = input.avatarUrl ? assertWebUrl(input.avatarUrl, 'avatarUrl') : null;
    if (input.communeCode !== undefined) {
      if (!input.communeCode || !isCommuneCode(input.communeCode)) {
        throw badInput("Cette commune n'existe pas en Île-de-France (code INSEE attendu, par exemple 93039).", 'communeCode');
      }
      patch.communeCode = input.communeCode;
    }
    if (input.neighbourhood !== undefined) {
      const neighbourhood = input.neighbourhood?.trim() || null;
      if (neighbourhood && neighbourhood.length > 80) throw badInput('Le nom du quartier ne doit pas dépasser 80 caractères.', 'neighbourhood');
      patch.neighbourhood = neighbourhood;
    }
    if (input.interests !== undefined) patch.interests = this.themes(input.interests ?? [], 'interests');
    if (input.skills !== undefined) patch.skills = this.skills(input.skills ?? []);
    if (input.profileVisibility !== undefined) {
      if (!input.profileVisibility) throw badInput('Choisissez qui peut voir votre profil.', 'profileVisibility');
      patch.profileVisibility = input.profileVisibility;
    }
    if (input.showAttendedEvents !== undefined) patch.showAttendedEvents = input.showAttendedEvents === true;
    if (Object.keys(patch).length) await this.repository.update(current.id, patch);
    return this.reload(id);
  }

  async updateMyNotificationPreferences(input: NotificationPreferencesInput): Promise<MemberModel> {
    const id = await this.requireActiveMember();
    await this.loadActive(id);
    const patch: Partial<MemberEntity> = {};
    if (input.digestFrequency !== undefined) {
      if (!input.digestFrequency) throw badInput('Choisissez une fréquence pour la lettre.', 'digestFrequency');
      patch.digestFrequency = input.digestFrequency;
    }
    if (input.followedCommunes !== undefined) {
      const codes = [...new Set(input.followedCommunes ?? [])];
      if (codes.length > MAX_FOLLOWED) throw badInput(`Vous pouvez suivre au plus ${MAX_FOLLOWED} communes.`, 'followedCommunes');
      const unknown = codes.find((code) => !isCommuneCode(code));
      if (unknown) throw badInput(`La commune « ${unknown} » n'existe pas en Île-de-France.`, 'followedCommunes');
      patch.followedCommunes = codes;
    }
    if (input.followedTerritories !== undefined) {
      // null goes back to the default (the territory of one's commune); [] follows none.
      if (input.followedTerritories === null) patch.followedTerritories = null;
      else {
        const codes = [...new Set(input.followedTerritories)];
        const unknown = codes.find((code) => !isTerritoryCode(code));
        if (unknown) throw badInput(`Le territoire « ${unknown} » n'existe pas dans la Métropole.`, 'followedTerritories');
        patch.followedTerritories = codes;
      }
    }
    if (input.followedThemes !== undefined) patch.followedThemes = this.themes(input.followedThemes ?? [], 'followedThemes');
    if (input.followedScales !== undefined) patch.followedScales = this.scales(input.followedScales ?? [], 'followedScales');
    if (input.eventReminders !== undefined) {
      if (input.eventReminders === null) throw badInput('Indiquez si vous voulez des rappels.', 'eventReminders');
      patch.eventReminders = input.eventReminders;
    }
    if (input.staffDigest !== undefined) {
      if (!isStaff(this.viewer)) throw forbidden("Le récapitulatif quotidien est réservé à l'équipe d'animation.");
      if (input.staffDigest === null) throw badInput('Indiquez si vous voulez le récapitulatif quotidien.', 'staffDigest');
      patch.staffDigest = input.staffDigest;
    }
    if (input.welcomeFollowUp !== undefined) {
      if (input.welcomeFollowUp === null) throw badInput("Indiquez si vous voulez les e-mails d'accueil.", 'welcomeFollowUp');
      patch.welcomeFollowUp = input.welcomeFollowUp;
    }
    if (Object.keys(patch).length) await this.repository.update(id, patch);
    return this.reload(id);
  }

  async setRole(memberId: string, role: MemberRole): Promise<MemberModel> {
    requireAdmin(this.viewer);
    const target = await this.loadActive(memberId);
    if (target.id === memberIdOf(this.viewer) && role !== 'ADMIN') {
      throw badInput("Vous ne pouvez pas retirer vos propres droits d'administration : demandez-le à une autre personne.", 'memberId');
    }
    const actorId = memberIdOf(this.viewer);
    await withOutbox(this.roleChanges.outbox, async (manager, jobs) => {
      const locked = await this.repository.lockForUpdate(manager, target.id);
      if (!locked || locked.deletedAt) throw notFound('Ce membre est introuvable.');
      // Same role: nothing changes, nothing is logged, the member's tokens keep working.
      if (locked.role === role) return;
      const changedAt = this.clock.now();
      await this.repository.update(target.id, { role }, manager);
      // The audit job is committed with the change (the outbox), and relayed to Redis after the commit.
      await jobs.add('audit.role-changed', { memberId: target.id, actorId, previousRole: locked.role, role, changedAt: changedAt.toISOString() });
      // Last before commit: the member's access tokens carry the old role and stop working (session version
      // published to Redis). If Redis refuses, the role does not change and the admin can retry.
      await this.roleChanges.sessionVersions.bump(manager, target.id);
    });
    return this.reload(target.id);
  }

  async welcome(memberId: string, note: string | null | undefined): Promise<MemberModel> {
    requireStaff(this.viewer);
    const target = await this.loadActive(memberId);
    if (target.welcomeStatus === 'WELCOMED') throw conflict('Cette personne a déjà été accueillie.');
    const text = note?.trim() || null;
    if (text && text.length > 2000) throw badInput('La note ne doit pas dépasser 2000 caractères.', 'note');
    if (!(await this.repository.markWelcomed(target.id, memberIdOf(this.viewer), text))) {
      throw conflict('Cette personne a déjà été accueillie.');
    }
    return this.reload(target.id);
  }

  /** Several newcomers welcomed in one transaction: all of them, or none (one unknown or already welcomed). */
  async welcomeMany(memberIds: string[], note: string | null | undefined): Promise<MemberModel[]> {
    requireStaff(this.viewer);
    const ids = [...new Set(memberIds)];
    if (ids.length === 0) throw badInput('Choisissez au moins une personne à accueillir.', 'memberIds');
    if (ids.length > MAX_BULK_WELCOME) throw badInput(`Accueillez au plus ${MAX_BULK_WELCOME} personnes à la fois.`, 'memberIds');
    const text = note?.trim() || null;
    if (text && text.length > 2000) throw badInput('La note ne doit pas dépasser 2000 caractères.', 'note');
    const targets = await Promise.all(ids.map((id) => this.loadActive(id)));
    const byId = memberIdOf(this.viewer);
    await this.repository.transaction(async (manager) => {
      const welcomed = await this.repository.markManyWelcomed(manager, ids, byId, text);
      if (welcomed.length !== ids.length) {
        const already = targets.filter((target) => !welcomed.includes(target.id)).map((target) => target.displayName);
        throw conflict(
          already.length === 1
            ? `${already[0]} a déjà été accueilli·e : personne n'a été marqué·e.`
            : `${already.join(', ')} ont déjà été accueilli·es : personne n'a été marqué·e.`,
        );
      }
    });
    for (const id of ids) this.byId.clear(id);
    return Promise.all(ids.map((id) => this.reload(id)));
  }

  async assignBuddy(memberId: string, buddyId: string): Promise<MemberModel> {
    requireStaff(this.viewer);
    const target = await this.loadActive(memberId);
    if (memberId === buddyId) throw badInput('Une personne ne peut pas être son propre binôme.', 'buddyId');
    const buddy = isUuid(buddyId) ? await this.byId.load(buddyId) : null;
    if (!buddy || buddy.deletedAt) throw badInput('Ce binôme est introuvable.', 'buddyId');
    if (buddy.welcomeStatus === 'NEW') {
      throw badInput('Le binôme doit être un·e Métropote déjà accueilli·e, pas un nouveau membre.', 'buddyId');
    }
    await withOutbox(this.roleChanges.outbox, async (manager, jobs) => {
      const locked = await this.repository.lockForUpdate(manager, target.id);
      if (!locked || locked.deletedAt) throw notFound('Ce membre est introuvable.');
      if (locked.buddyId === buddy.id) return;
      await this.repository.update(target.id, { buddyId: buddy.id }, manager);
      // The newcomer is told, once per buddy. Before their address is confirmed they get no e-mail but the
      // verification: the welcome, written at the confirmation, names the buddy (the workers skip this one then).
      if (locked.emailVerifiedAt) {
        await jobs.add('email.requested', {
          template: 'buddy-assigned',
          memberId: target.id,
          dedupeKey: `buddy:${target.id}:${buddy.id}`,
          params: { buddyId: buddy.id },
        });
      }
    });
    return this.reload(target.id);
  }

  /** Staff only (null for others): welcomed members of the same territory with shared interests. */
  async suggestedBuddies(member: MemberModel, first: number | null | undefined): Promise<MemberModel[] | null> {
    if (!isStaff(this.viewer)) return null;
    const limit = Math.min(pageSize(first, 5), 20);
    const entity = await this.byId.load(member.id);
    if (!entity || entity.deletedAt || !entity.communeCode) return [];
    const territory = findCommune(entity.communeCode)?.territoryCode;
    const communes = territory ? communesOfTerritory(territory) : [entity.communeCode];
    const rows = await this.repository.suggestedBuddies(entity, communes, limit);
    for (const row of rows) this.byId.prime(row.id, row);
    return rows.map(toMemberModel);
  }

  private scope(): ListScope {
    if (isStaff(this.viewer)) return { kind: 'staff' };
    if (this.viewer.kind === 'member') return { kind: 'member', memberId: this.viewer.memberId };
    return { kind: 'anonymous' };
  }

  /** The SQL filter, or null when it can match nothing (unknown territory...). */
  private filterQuery(filter: MemberFilter) {
    let communeCodes: string[] | null = null;
    if (filter.communeCode) communeCodes = [filter.communeCode];
    if (filter.territoryCode) {
      const inTerritory = communesOfTerritory(filter.territoryCode);
      communeCodes = communeCodes ? communeCodes.filter((c) => inTerritory.includes(c)) : inTerritory;
    }
    if (communeCodes && communeCodes.length === 0) return null;
    if (filter.interest && !THEME_KEYS.includes(filter.interest)) return null;
    const search = filter.search ? foldName(filter.search) : null;
    return { communeCodes, interest: filter.interest ?? null, search: search || null };
  }

  private afterId(after: string | null | undefined): string | null {
    const values = decodeCursor(after, 1);
    if (!values) return null;
    if (!isUuid(values[0])) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    return values[0];
  }

  private async loadActive(id: string): Promise<MemberEntity> {
    const entity = isUuid(id) ? await this.byId.load(id) : null;
    if (!entity || entity.deletedAt) throw notFound('Ce membre est introuvable.');
    return entity;
  }

  private async reload(id: string): Promise<MemberModel> {
    this.byId.clear(id);
    const entity = await this.byId.load(id);
    if (!entity) throw notFound('Ce membre est introuvable.');
    return toMemberModel(entity);
  }

  private themes(values: string[], field: string): string[] {
    const unknown = values.find((v) => !THEME_KEYS.includes(v));
    if (unknown) throw badInput(`Le thème « ${unknown} » n'existe pas.`, field);
    return [...new Set(values)];
  }

  /** GraphQL already refuses a value outside the Scale enum; this guards the service's other callers. */
  private scales(values: string[], field: string): string[] {
    const unknown = values.find((v) => !SCALE_KEYS.includes(v));
    if (unknown) throw badInput(`L'échelle « ${unknown} » n'existe pas.`, field);
    return [...new Set(values)];
  }

  private skills(values: string[]): string[] {
    const seen = new Map<string, string>();
    for (const raw of values) {
      const skill = raw.trim().replace(/\s+/g, ' ');
      if (!skill) continue;
      if (skill.length > 50) throw badInput('Chaque compétence doit tenir en 50 caractères.', 'skills');
      if (!seen.has(foldName(skill))) seen.set(foldName(skill), skill);
    }
    if (seen.size > MAX_SKILLS) throw badInput(`Indiquez au plus ${MAX_SKILLS} compétences.`, 'skills');
    return [...seen.values()];
  }
}
