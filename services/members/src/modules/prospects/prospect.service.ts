import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import {
  apiError,
  badInput,
  conflict,
  decodeCursor,
  groupLoader,
  isUuid,
  notFound,
  pageSize,
  requireStaff,
  requireSystem,
  rowLoader,
  toConnection,
  type Connection,
} from '@metropotes/graphql-kit';
import { jobIdOf, type OutboxWriter } from '@metropotes/jobs';
import type { Clock } from '@metropotes/config';
import { communesOfTerritory, foldName, isCommuneCode, isTerritoryCode, TERRITORIES } from '@metropotes/territories';
import type DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { toGroupModel, type GroupModel } from '../groups';
import { assertWebUrl } from '../members';
import type { GatewayClient } from '@metropotes/graphql-kit';
import type { ProspectEntity, ProspectKind, ProspectNoteEntity, ProspectSourceKind, ProspectStatus } from './prospect.entity';
import { toProspectModel, toProspectNoteModel, type ProspectModel, type ProspectNoteModel } from './prospect.mapper';
import { GroupAlreadyCreated, type ProspectRepository } from './prospect.repository';
import { hashToken, type EmailLinkTokens } from '../../email-links';
import { graphql } from '../../generated/gateway';

export const INVITATION_TTL_DAYS = 30;
const MAX_NOTE = 5000;
const MAX_MESSAGE = 2000;
const SOURCE_KINDS: ProspectSourceKind[] = ['WATCH_ITEM', 'EVENT', 'FREE_TEXT'];

export interface ProspectContactInput {
  email?: string | null;
  phone?: string | null;
  /** The URL scalar gives a URL. */
  website?: URL | string | null;
}

export interface CreateProspectInput {
  name?: string | null;
  kind: ProspectKind;
  communeCode?: string | null;
  themes?: string[] | null;
  contact?: ProspectContactInput | null;
  eventId?: string | null;
  sourceNote?: string | null;
  ownerId?: string | null;
  nextStepAt?: Date | null;
}

export interface UpdateProspectInput {
  name?: string | null;
  kind?: ProspectKind | null;
  communeCode?: string | null;
  themes?: string[] | null;
  contact?: ProspectContactInput | null;
  status?: ProspectStatus | null;
  ownerId?: string | null;
  nextStepAt?: Date | null;
}

export interface ProspectFilter {
  status?: ProspectStatus | null;
  communeCode?: string | null;
  territoryCode?: string | null;
  ownerId?: string | null;
  dueBefore?: Date | null;
}

export interface Counts {
  spotted: number;
  contacted: number;
  joined: number;
  conversionRate: number;
}

/** One territory's line of the outreach stats (its Territory resolved from the code). */
export interface OutreachTerritoryStatsModel extends Counts {
  territoryCode: string;
  memberCount: number;
}

export interface ProspectSettings {
  gateway: GatewayClient;
  retentionMonths: number;
  /** "Now" for outreach: status times, and the minimisation's default instant. */
  clock: Clock;
  /** Derives the invitation links' token from the invitation's id. */
  links: EmailLinkTokens;
}

const WATCH_ITEM_QUERY = graphql(`
  query ProspectWatchItem($id: ID!) {
    watchItem(id: $id) {
      id
      title
      communes {
        code
      }
      themes
    }
  }
`);

const rate = (c: { contacted: number; joined: number }) => (c.contacted ? Math.round((c.joined / c.contacted) * 1000) / 1000 : 0);

function assertName(value: string, field = 'name'): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 120) throw badInput('Le nom doit contenir entre 2 et 120 caractères.', field);
  return name;
}

function assertCommune(code: string | null | undefined, field = 'communeCode'): string | null {
  if (!code) return null;
  if (!isCommuneCode(code)) throw badInput("Cette commune n'existe pas en Île-de-France (code INSEE attendu, par exemple 93039).", field);
  return code;
}

function contactColumns(contact: ProspectContactInput | null | undefined) {
  const phone = contact?.phone?.trim() || null;
  if (phone && (phone.length > 30 || !/^[+0-9 ().-]+$/.test(phone))) {
    throw badInput("Ce numéro de téléphone n'est pas valide.", 'phone');
  }
  return {
    contactEmail: contact?.email ? contact.email.trim().toLowerCase() : null,
    contactPhone: phone,
    contactWebsite: contact?.website ? assertWebUrl(contact.website, 'website') : null,
  };
}

/**
 * Asks for `prospect.forgotten` for each of these prospects in the caller's transaction (members' outbox, one
 * statement, written through the transaction's `withOutbox` writer: relayed after its commit): the workers forget the
 * prospects' e-mails (address and contents). The job id carries the time of this forgetting (ms, taken in the transaction and stored with the
 * row, so a row relayed twice keeps its id): a prospect forgotten again later (contact data added back, e-mailed,
 * erased again) gets a new job, which BullMQ would otherwise drop as a duplicate of the first while it is kept.
 * Real time on purpose (not the service's clock): it only keeps job ids apart, and a clock a test holds still would
 * give two forgettings the same id.
 */
export async function forgetProspects(jobs: OutboxWriter, prospectIds: readonly string[]): Promise<void> {
  const at = String(Date.now());
  await jobs.addMany(
    prospectIds.map((prospectId) => ({
      name: 'prospect.forgotten',
      payload: { prospectId },
      jobId: jobIdOf('prospect.forgotten', { prospectId }, at),
    })),
  );
}

/** Outreach: the staff's prospects. Everything is staff only, except what the workers and the do-not-contact link need. */
export class ProspectService {
  private readonly byId: DataLoader<string, ProspectEntity | null>;
  private readonly notesOf: DataLoader<string, ProspectNoteEntity[]>;
  private readonly ofWatchItem: DataLoader<string, ProspectEntity[]>;

  constructor(
    private readonly repository: ProspectRepository,
    private readonly viewer: Viewer,
    private readonly settings: ProspectSettings,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (row) => row.id,
    );
    this.notesOf = groupLoader(
      (ids) => repository.notesOf(ids),
      (row) => row.prospectId,
    );
    this.ofWatchItem = groupLoader(
      (ids) => repository.ofWatchItems(ids),
      (row) => row.watchItemId!,
    );
  }

  /** For entity references and nested fields: null for anyone but the staff. */
  async visible(id: string): Promise<ProspectModel | null> {
    if (!isStaff(this.viewer) || !isUuid(id)) return null;
    const entity = await this.byId.load(id);
    return entity ? toProspectModel(entity) : null;
  }

  async prospect(id: string): Promise<ProspectModel | null> {
    requireStaff(this.viewer);
    return this.visible(id);
  }

  async notes(prospectId: string): Promise<ProspectNoteModel[]> {
    return (await this.notesOf.load(prospectId)).map(toProspectNoteModel);
  }

  async prospectsOfWatchItem(watchItemId: string): Promise<ProspectModel[] | null> {
    if (!isStaff(this.viewer)) return null;
    if (!isUuid(watchItemId)) return [];
    return (await this.ofWatchItem.load(watchItemId)).map(toProspectModel);
  }

  async list(args: { filter?: ProspectFilter | null; first?: number | null; after?: string | null }): Promise<Connection<ProspectModel>> {
    requireStaff(this.viewer);
    const limit = pageSize(args.first);
    const values = decodeCursor(args.after, 1);
    if (values && !isUuid(values[0])) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    const filter = args.filter ?? {};
    let communeCodes: string[] | null = filter.communeCode ? [filter.communeCode] : null;
    if (filter.territoryCode) {
      if (!isTerritoryCode(filter.territoryCode)) throw badInput("Ce territoire n'existe pas dans la Métropole.", 'territoryCode');
      const inTerritory = communesOfTerritory(filter.territoryCode);
      communeCodes = communeCodes ? communeCodes.filter((c) => inTerritory.includes(c)) : inTerritory;
    }
    if (filter.ownerId && !isUuid(filter.ownerId))
      return toConnection(
        [],
        limit,
        () => [],
        toProspectModel,
        async () => 0,
      );
    if (communeCodes && !communeCodes.length)
      return toConnection(
        [],
        limit,
        () => [],
        toProspectModel,
        async () => 0,
      );
    const query = { status: filter.status ?? null, communeCodes, ownerId: filter.ownerId ?? null, dueBefore: filter.dueBefore ?? null };
    const rows = await this.repository.list(query, limit + 1, (values?.[0] as string | undefined) ?? null);
    for (const row of rows) this.byId.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      (row) => [row.id],
      toProspectModel,
      () => this.repository.count(query),
    );
  }

  async create(input: CreateProspectInput, source?: { watchItemId: string }): Promise<ProspectModel> {
    requireStaff(this.viewer);
    const me = memberIdOf(this.viewer);
    if (input.eventId && !isUuid(input.eventId)) throw badInput('Cet événement est introuvable.', 'eventId');
    const sourceNote = input.sourceNote?.trim() || null;
    if (sourceNote && sourceNote.length > 1000) throw badInput('La note sur la source ne doit pas dépasser 1000 caractères.', 'sourceNote');
    const ownerId = input.ownerId ?? me;
    if (ownerId) await this.assertOwner(ownerId);
    const sourceKind: ProspectSourceKind = source ? 'WATCH_ITEM' : input.eventId ? 'EVENT' : 'FREE_TEXT';
    const saved = await this.repository.insert({
      name: assertName(input.name ?? ''),
      kind: input.kind,
      communeCode: assertCommune(input.communeCode),
      themes: [...new Set(input.themes ?? [])],
      ...contactColumns(input.contact),
      sourceKind,
      watchItemId: source?.watchItemId ?? null,
      eventId: input.eventId ?? null,
      sourceNote,
      ownerId,
      nextStepAt: input.nextStepAt ?? null,
      createdBy: me,
    });
    return this.reload(saved.id);
  }

  /** Reads the veille item through the gateway as the staff member, and pre-fills name, commune and themes from it. */
  async createFromWatchItem(watchItemId: string, input: CreateProspectInput): Promise<ProspectModel> {
    requireStaff(this.viewer);
    if (!isUuid(watchItemId)) throw notFound('Cet élément de la veille est introuvable.');
    const data = await this.settings.gateway.query(WATCH_ITEM_QUERY, { id: watchItemId });
    const item = data.watchItem;
    if (!item) throw notFound('Cet élément de la veille est introuvable.');
    return this.create(
      {
        ...input,
        name: input.name ?? item.title.slice(0, 120),
        communeCode: input.communeCode ?? item.communes[0]?.code ?? null,
        themes: input.themes ?? item.themes,
        eventId: null,
      },
      { watchItemId: item.id },
    );
  }

  async update(id: string, input: UpdateProspectInput): Promise<ProspectModel> {
    requireStaff(this.viewer);
    const current = await this.existing(id);
    const patch: Partial<ProspectEntity> = {};
    if (input.name != null) patch.name = assertName(input.name);
    if (input.kind != null) patch.kind = input.kind;
    if (input.communeCode !== undefined) patch.communeCode = assertCommune(input.communeCode);
    if (input.themes != null) patch.themes = [...new Set(input.themes)];
    if (input.contact !== undefined) {
      if (current.status === 'DECLINED' && input.contact?.email) {
        throw badInput('Cette personne a demandé à ne plus être contactée : son adresse ne peut pas être enregistrée.', 'email');
      }
      const contact = contactColumns(input.contact);
      // New contact data after a minimisation: erased no more, so a later minimisation erases it again.
      Object.assign(patch, contact, contact.contactEmail || contact.contactPhone || contact.contactWebsite ? { contactErasedAt: null } : {});
    }
    if (input.ownerId !== undefined) {
      if (input.ownerId) await this.assertOwner(input.ownerId);
      patch.ownerId = input.ownerId;
    }
    if (input.nextStepAt !== undefined) patch.nextStepAt = input.nextStepAt;
    if (input.status != null && input.status !== current.status) {
      if (input.status === 'JOINED') {
        throw badInput("Un prospect devient membre en s'inscrivant par son lien d'invitation.", 'status');
      }
      if (current.status === 'DECLINED') {
        throw badInput('Cette personne a demandé à ne plus être contactée : son statut ne peut plus changer.', 'status');
      }
      if (current.status === 'JOINED') throw badInput('Ce prospect est déjà membre du réseau.', 'status');
      patch.status = input.status;
      if (input.status === 'CONTACTED' && !current.contactedAt) patch.contactedAt = this.settings.clock.now();
      if (input.status === 'DECLINED') patch.declinedAt = this.settings.clock.now();
    }
    await this.repository.update(current.id, patch);
    return this.reload(current.id);
  }

  async addNote(id: string, text: string): Promise<ProspectModel> {
    requireStaff(this.viewer);
    const current = await this.existing(id);
    const body = text.trim();
    if (!body) throw badInput('La note ne peut pas être vide.', 'text');
    if (body.length > MAX_NOTE) throw badInput(`La note ne doit pas dépasser ${MAX_NOTE} caractères.`, 'text');
    await this.repository.addNote(current.id, memberIdOf(this.viewer), body);
    this.notesOf.clear(current.id);
    return this.reload(current.id);
  }

  async invite(id: string, messageInput: string | null | undefined): Promise<ProspectModel> {
    requireStaff(this.viewer);
    const current = await this.existing(id);
    const message = messageInput?.trim() || null;
    if (message && message.length > MAX_MESSAGE) throw badInput(`Le message ne doit pas dépasser ${MAX_MESSAGE} caractères.`, 'message');
    // The links' token is derived from the invitation's id (only its hash is stored); the workers ask for it when they
    // send the e-mail (`systemMailSecret`).
    const invitationId = randomUUID();
    await this.repository.invite(
      current.id,
      {
        id: invitationId,
        tokenHash: hashToken(this.settings.links.tokenFor('PROSPECT_INVITATION', invitationId)),
        message,
        invitedBy: memberIdOf(this.viewer),
        // A token lifetime: real time, as its checks (acceptProspectInvitation, forMail).
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
      },
      (locked) => {
        if (locked.status === 'DECLINED') {
          throw apiError('FORBIDDEN', 'Cette personne a demandé à ne plus être contactée : aucune invitation ne peut lui être envoyée.');
        }
        if (locked.status === 'JOINED') throw conflict('Ce prospect est déjà membre du réseau.');
        if (!locked.contactEmail) {
          throw badInput("Ajoutez d'abord une adresse e-mail de contact à ce prospect pour pouvoir l'inviter.", 'email');
        }
      },
      // The e-mail, asked for in the invitation's transaction (members' outbox, relayed after the commit: Redis refusing
      // loses nothing). Ids only: no address, name, message or token.
      (jobs) =>
        jobs.add('prospect.invitation-requested', {
          prospectId: current.id,
          invitationId,
          dedupeKey: `prospect-invitation:${invitationId}`,
          params: { validForDays: String(INVITATION_TTL_DAYS) },
        }),
    );
    return this.reload(current.id);
  }

  /** The do-not-contact link: works without sign-in, even after the invitation expired or was used. */
  async declineContact(token: string): Promise<boolean> {
    const prospectId = token ? await this.repository.declineByToken(token, forgetProspects) : null;
    if (!prospectId) throw badInput("Ce lien n'est pas valable. Écrivez-nous si vous recevez encore nos messages.", 'token');
    return true;
  }

  /** For the workers: what the invitation e-mail needs. Null when the prospect must not (or cannot) be e-mailed. */
  async forMail(id: string, invitationId: string | null | undefined): Promise<{ address: string; name: string; message: string | null } | null> {
    requireSystem(this.viewer);
    if (!isUuid(id) || (invitationId && !isUuid(invitationId))) return null;
    const entity = await this.byId.load(id);
    if (!entity || !entity.contactEmail || entity.status === 'DECLINED' || entity.status === 'JOINED') return null;
    const invitation = await this.repository.latestInvitation(entity.id, invitationId ?? null);
    // The link's lifetime is technical: real time, as when it was written (invite).
    if (!invitation || invitation.usedAt || invitation.expiresAt <= new Date()) return null;
    return { address: entity.contactEmail, name: entity.name, message: invitation.message };
  }

  /**
   * For the workers, when they send the invitation e-mail (system only, `systemMailSecret`): the token of its links,
   * derived again from the invitation; null when the invitation is unknown, used or expired, its prospect declined,
   * joined or has no address any more, or it was written before tokens were derived.
   */
  async invitationSecret(invitationId: string): Promise<string | null> {
    requireSystem(this.viewer);
    const invitation = await this.repository.invitation(invitationId);
    // The link's lifetime is technical: real time, as when it was written (invite).
    if (!invitation || invitation.usedAt || invitation.expiresAt <= new Date()) return null;
    const prospect = await this.byId.load(invitation.prospectId);
    if (!prospect?.contactEmail || prospect.status === 'DECLINED' || prospect.status === 'JOINED') return null;
    const { links } = this.settings;
    return links.matches('PROSPECT_INVITATION', invitation.id, invitation.tokenHash) ? links.tokenFor('PROSPECT_INVITATION', invitation.id) : null;
  }

  async createGroup(prospectId: string): Promise<GroupModel> {
    requireStaff(this.viewer);
    const current = await this.existing(prospectId);
    if (current.kind === 'PERSON') throw badInput('Seuls un collectif ou une association peuvent devenir un groupe.', 'prospectId');
    if (current.status !== 'JOINED' || !current.joinedMemberId) {
      throw badInput('Le groupe se crée une fois que le prospect a rejoint le réseau par son invitation.', 'prospectId');
    }
    if (current.groupId) throw conflict('Le groupe de ce prospect existe déjà.', { groupId: current.groupId });
    try {
      const saved = await this.repository.createGroup(
        current.id,
        {
          name: current.name,
          searchName: foldName(current.name),
          communeCode: current.communeCode,
          website: current.contactWebsite,
          createdBy: memberIdOf(this.viewer),
        },
        current.joinedMemberId,
      );
      return toGroupModel(saved);
    } catch (error) {
      if (error instanceof GroupAlreadyCreated) throw conflict('Le groupe de ce prospect existe déjà.');
      throw error;
    }
  }

  /**
   * Erases the contact data of prospects without activity for `retentionMonths` before `nowInput` (the workers' job
   * passes its clock's instant), by default before the service's clock.
   */
  async minimise(nowInput: Date | null | undefined): Promise<{ erased: number }> {
    requireSystem(this.viewer);
    const now = nowInput ?? this.settings.clock.now();
    const before = new Date(now);
    before.setUTCMonth(before.getUTCMonth() - this.settings.retentionMonths);
    const erased = await this.repository.minimise(before, now, forgetProspects);
    return { erased };
  }

  async stats(from: Date, to: Date, territoryCode: string | null | undefined) {
    requireStaff(this.viewer);
    if (!(to > from)) throw badInput('La fin de la période doit suivre son début.', 'to');
    if (territoryCode && !isTerritoryCode(territoryCode)) throw badInput("Ce territoire n'existe pas dans la Métropole.", 'territoryCode');
    const rows = await this.repository.outreach(from, to, territoryCode ? communesOfTerritory(territoryCode) : null);
    const members = new Map((await this.repository.membersPerTerritory()).map((r) => [r.territory_code, r.members]));
    const sum = (filter: (r: (typeof rows)[number]) => boolean): Counts => {
      const c = { spotted: 0, contacted: 0, joined: 0 };
      for (const r of rows.filter(filter)) {
        c.spotted += r.spotted;
        c.contacted += r.contacted;
        c.joined += r.joined;
      }
      return { ...c, conversionRate: rate(c) };
    };
    const territories = TERRITORIES.filter((t) => !territoryCode || t.code === territoryCode);
    return {
      from,
      to,
      total: sum(() => true),
      byTerritory: territories.map((t): OutreachTerritoryStatsModel => ({
        territoryCode: t.code,
        ...sum((r) => r.territory_code === t.code),
        memberCount: members.get(t.code) ?? 0,
      })),
      bySource: SOURCE_KINDS.map((kind) => ({ sourceKind: kind, ...sum((r) => r.source_kind === kind) })),
    };
  }

  private async assertOwner(ownerId: string): Promise<void> {
    if (!isUuid(ownerId) || !(await this.repository.isActiveStaff(ownerId))) {
      throw badInput("La personne qui suit un prospect doit faire partie de l'équipe d'animation.", 'ownerId');
    }
  }

  private async existing(id: string): Promise<ProspectEntity> {
    const entity = isUuid(id) ? await this.byId.load(id) : null;
    if (!entity) throw notFound('Ce prospect est introuvable.');
    return entity;
  }

  private async reload(id: string): Promise<ProspectModel> {
    this.byId.clear(id);
    return toProspectModel(await this.existing(id));
  }
}
