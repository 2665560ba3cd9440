import type { Clock } from '@metropotes/config';
import { createHash } from 'node:crypto';
import { rowsOf } from '@metropotes/database';
import { withOutbox, type OutboxWriter } from '@metropotes/jobs';
import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import type { MembersOutbox } from '../../outbox';
import { createGroupWithAdmin, type GroupEntity } from '../groups';
import { ProspectEntity, ProspectInvitationEntity, ProspectNoteEntity, type ProspectSourceKind } from './prospect.entity';

export interface ProspectFilterQuery {
  status?: string | null;
  communeCodes?: string[] | null;
  ownerId?: string | null;
  dueBefore?: Date | null;
}

export interface OutreachRow {
  territory_code: string | null;
  source_kind: ProspectSourceKind;
  spotted: number;
  contacted: number;
  joined: number;
}

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Used by the sign-up (accounts) in its own transaction: consumes a valid invitation token and makes its prospect
 * JOINED with the new member at `at` (the clock's instant of the sign-up). Returns the prospect's id, or null when the
 * token is unknown, used, expired, or the prospect declined or already joined. The invitation's own lifetime
 * (expires_at, used_at) is technical, on the real time like its writing (ProspectService.invite).
 */
export async function acceptProspectInvitation(manager: EntityManager, token: string, memberId: string, at: Date): Promise<string | null> {
  const used = rowsOf<{ prospect_id: string }>(
    await manager.query(
      `UPDATE members.prospect_invitations SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING prospect_id`,
      [sha256(token)],
    ),
  );
  const prospectId = used[0]?.prospect_id;
  if (!prospectId) return null;
  const joined = rowsOf<{ id: string }>(
    await manager.query(
      `UPDATE members.prospects
       SET status = 'JOINED', joined_member_id = $2, joined_at = $3, last_activity_at = $3
       WHERE id = $1 AND status NOT IN ('DECLINED', 'JOINED')
       RETURNING id`,
      [prospectId, memberId, at],
    ),
  );
  if (!joined.length) return null;
  // The other links of this prospect die with this one.
  await manager.query(`UPDATE members.prospect_invitations SET used_at = now() WHERE prospect_id = $1 AND used_at IS NULL`, [prospectId]);
  return prospectId;
}

/**
 * Erases the contact data (e-mail, phone, website) of these prospects and kills their pending links: used by
 * minimisation and when a member erases their account (accounts). `at` (the clock's instant, or the minimisation's
 * `now`) is recorded as contact_erased_at; the links die on the real time, like the rest of their lifetime. Returns
 * the ids that held contact data; the caller asks for `prospect.forgotten` for each (the workers forget the e-mails)
 * in the same transaction (outbox).
 */
export async function eraseProspectContacts(manager: EntityManager, prospectIds: readonly string[], at: Date): Promise<string[]> {
  if (!prospectIds.length) return [];
  const erased = rowsOf<{ id: string }>(
    await manager.query(
      `UPDATE members.prospects
       SET contact_email = NULL, contact_phone = NULL, contact_website = NULL, contact_erased_at = COALESCE(contact_erased_at, $2)
       WHERE id = ANY($1::uuid[])
         AND (contact_email IS NOT NULL OR contact_phone IS NOT NULL OR contact_website IS NOT NULL)
       RETURNING id`,
      [[...prospectIds], at],
    ),
  ).map((r) => r.id);
  if (erased.length) {
    await manager.query(`UPDATE members.prospect_invitations SET used_at = now() WHERE prospect_id = ANY($1::uuid[]) AND used_at IS NULL`, [erased]);
  }
  return erased;
}

/**
 * A member erased their account: the prospect records matched to it (their address, or the prospect they joined as)
 * keep only what outreach counts (kind, commune, themes, status, dates): the name becomes « Contact effacé », the
 * source note, the staff's notes and the link to the account go (the contact data went with eraseProspectContacts).
 */
export async function eraseProspectRecords(manager: EntityManager, prospectIds: readonly string[]): Promise<void> {
  if (!prospectIds.length) return;
  await manager.query(`DELETE FROM members.prospect_notes WHERE prospect_id = ANY($1::uuid[])`, [[...prospectIds]]);
  await manager.query(
    `UPDATE members.prospects SET name = 'Contact effacé', source_note = NULL, joined_member_id = NULL WHERE id = ANY($1::uuid[])`,
    [[...prospectIds]],
  );
}

/** The prospect records about a member ($1: id, $2: e-mail): their address as a contact, or the prospect they joined as. */
const OF_MEMBER = `(p.joined_member_id = $1 OR ($2::text IS NOT NULL AND lower(p.contact_email) = lower($2::text)))`;

/** The prospect records about a member: their address as a contact, or the prospect they joined as. Locked. */
export async function prospectIdsOfMember(manager: EntityManager, memberId: string, email: string | null): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(`SELECT p.id FROM members.prospects p WHERE ${OF_MEMBER} ORDER BY p.created_at FOR UPDATE`, [
    memberId,
    email,
  ]);
  return rows.map((r) => r.id);
}

/** The same records for the member's data export (RGPD access), with the staff's notes. */
export function prospectsOfMemberForExport(
  q: Pick<EntityManager, 'query'>,
  memberId: string,
  email: string | null,
): Promise<Record<string, unknown>[]> {
  return q.query(
    `SELECT p.id, p.name, p.kind, p.commune_code AS "communeCode", p.themes, p.contact_email AS "contactEmail",
            p.contact_phone AS "contactPhone", p.contact_website AS "contactWebsite", p.source_kind AS "sourceKind",
            p.source_note AS "sourceNote", p.status, p.created_at AS "createdAt", p.contacted_at AS "contactedAt",
            p.joined_at AS "joinedAt", p.declined_at AS "declinedAt", p.contact_erased_at AS "contactErasedAt",
            coalesce((SELECT json_agg(json_build_object('text', n.text, 'createdAt', n.created_at) ORDER BY n.created_at)
                      FROM members.prospect_notes n WHERE n.prospect_id = p.id), '[]'::json) AS notes
     FROM members.prospects p
     WHERE ${OF_MEMBER}
     ORDER BY p.created_at`,
    [memberId, email],
  );
}

/**
 * Outreach's SQL. The prospect's times (created_at, last_activity_at — which minimisation reads —, contacted_at,
 * joined_at, declined_at, contact_erased_at) and the notes' created_at come from the service's clock; the
 * invitations' lifetime (expires_at, used_at, created_at) is technical, on the real time.
 */
export class ProspectRepository {
  private readonly prospects: Repository<ProspectEntity>;
  private readonly notes: Repository<ProspectNoteEntity>;

  constructor(
    readonly dataSource: DataSource,
    private readonly clock: Clock,
    /** Members' outbox: the invitation and forget jobs are committed with their change, then relayed (`withOutbox`). */
    private readonly outbox: MembersOutbox,
  ) {
    this.prospects = dataSource.getRepository(ProspectEntity);
    this.notes = dataSource.getRepository(ProspectNoteEntity);
  }

  findByIds(ids: readonly string[]): Promise<ProspectEntity[]> {
    return this.prospects.findBy({ id: In([...ids]) });
  }

  notesOf(prospectIds: readonly string[]): Promise<ProspectNoteEntity[]> {
    return this.notes
      .createQueryBuilder('n')
      .where('n.prospect_id = ANY(:ids)', { ids: [...prospectIds] })
      .orderBy('n.created_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .getMany();
  }

  ofWatchItems(watchItemIds: readonly string[]): Promise<ProspectEntity[]> {
    return this.prospects
      .createQueryBuilder('p')
      .where('p.watch_item_id = ANY(:ids)', { ids: [...watchItemIds] })
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }

  /** Most recently active first; `after` is the id of the last row seen. */
  list(filter: ProspectFilterQuery, limit: number, after: string | null): Promise<ProspectEntity[]> {
    const qb = this.filtered(filter);
    if (after) {
      qb.andWhere('(p.last_activity_at, p.id) < (SELECT a.last_activity_at, a.id FROM members.prospects a WHERE a.id = :after)', { after });
    }
    return qb.orderBy('p.last_activity_at', 'DESC').addOrderBy('p.id', 'DESC').limit(limit).getMany();
  }

  count(filter: ProspectFilterQuery): Promise<number> {
    return this.filtered(filter).getCount();
  }

  private filtered(filter: ProspectFilterQuery) {
    const qb = this.prospects.createQueryBuilder('p').where('TRUE');
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.communeCodes) qb.andWhere('p.commune_code = ANY(:communes)', { communes: filter.communeCodes });
    if (filter.ownerId) qb.andWhere('p.owner_id = :owner', { owner: filter.ownerId });
    if (filter.dueBefore) qb.andWhere('p.next_step_at < :due', { due: filter.dueBefore });
    return qb;
  }

  insert(values: Partial<ProspectEntity>): Promise<ProspectEntity> {
    const now = this.clock.now();
    return this.prospects.save(this.prospects.create({ ...values, createdAt: now, lastActivityAt: now }));
  }

  async update(id: string, patch: Partial<ProspectEntity>): Promise<void> {
    await this.prospects.update({ id }, { ...patch, lastActivityAt: this.clock.now() });
  }

  async addNote(prospectId: string, authorId: string | null, text: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(ProspectNoteEntity).insert({ prospectId, authorId, text, createdAt: now });
      await manager.getRepository(ProspectEntity).update({ id: prospectId }, { lastActivityAt: now });
    });
  }

  /** Whether the member exists, is not erased, and belongs to the staff. */
  async isActiveStaff(memberId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM members.members WHERE id = $1 AND deleted_at IS NULL AND role IN ('STAFF','ADMIN')`,
      [memberId],
    );
    return rows.length > 0;
  }

  /**
   * Locks the prospect, lets `check` refuse, then stores the invitation, marks the prospect CONTACTED and asks for its
   * e-mail (`requestEmail`, in the same transaction: the outbox).
   */
  invite(
    prospectId: string,
    invitation: { id: string; tokenHash: string; message: string | null; invitedBy: string | null; expiresAt: Date },
    check: (prospect: ProspectEntity) => void,
    /** Asks for the invitation e-mail in the transaction. */
    requestEmail: (jobs: OutboxWriter) => Promise<void>,
  ): Promise<void> {
    return withOutbox(this.outbox, async (manager, jobs) => {
      const prospect = await manager
        .getRepository(ProspectEntity)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :id', { id: prospectId })
        .getOne();
      if (!prospect) throw new Error(`prospect ${prospectId} vanished`);
      check(prospect);
      await manager.getRepository(ProspectInvitationEntity).insert({ prospectId, ...invitation });
      await manager.query(
        `UPDATE members.prospects
         SET status = CASE WHEN status IN ('SPOTTED','NOT_NOW') THEN 'CONTACTED' ELSE status END,
             contacted_at = COALESCE(contacted_at, $2), last_activity_at = $2
         WHERE id = $1`,
        [prospectId, this.clock.now()],
      );
      await requestEmail(jobs);
    });
  }

  /** The do-not-contact link: DECLINED, contact data erased, every pending link dead. The prospect's id, or null. */
  async declineByToken(token: string, forget: (jobs: OutboxWriter, prospectIds: string[]) => Promise<void>): Promise<string | null> {
    return withOutbox(this.outbox, async (manager, jobs) => {
      const rows: { prospect_id: string }[] = await manager.query(`SELECT prospect_id FROM members.prospect_invitations WHERE token_hash = $1`, [
        sha256(token),
      ]);
      const prospectId = rows[0]?.prospect_id;
      if (!prospectId) return null;
      await manager.query(
        `UPDATE members.prospects
         SET status = CASE WHEN status = 'JOINED' THEN status ELSE 'DECLINED' END,
             declined_at = CASE WHEN status = 'JOINED' THEN declined_at ELSE COALESCE(declined_at, $2::timestamptz) END,
             contact_email = NULL, contact_phone = NULL,
             contact_erased_at = COALESCE(contact_erased_at, $2::timestamptz),
             last_activity_at = $2::timestamptz
         WHERE id = $1`,
        [prospectId, this.clock.now()],
      );
      await manager.query(`UPDATE members.prospect_invitations SET used_at = now() WHERE prospect_id = $1 AND used_at IS NULL`, [prospectId]);
      // The workers forget the e-mails too (a job committed with the decline, in the outbox).
      await forget(jobs, [prospectId]);
      return prospectId;
    });
  }

  invitation(id: string): Promise<ProspectInvitationEntity | null> {
    return this.dataSource.getRepository(ProspectInvitationEntity).findOneBy({ id });
  }

  latestInvitation(prospectId: string, invitationId: string | null): Promise<ProspectInvitationEntity | null> {
    const qb = this.dataSource.getRepository(ProspectInvitationEntity).createQueryBuilder('i').where('i.prospect_id = :prospectId', { prospectId });
    if (invitationId) qb.andWhere('i.id = :invitationId', { invitationId });
    return qb.orderBy('i.created_at', 'DESC').getOne();
  }

  /** Erases the contact data of prospects without activity since `before`; how many. */
  async minimise(before: Date, now: Date, forget: (jobs: OutboxWriter, prospectIds: string[]) => Promise<void>): Promise<number> {
    return withOutbox(this.outbox, async (manager, jobs) => {
      const inactive: { id: string }[] = await manager.query(
        `SELECT id FROM members.prospects
         WHERE last_activity_at < $1 AND contact_erased_at IS NULL
           AND (contact_email IS NOT NULL OR contact_phone IS NOT NULL OR contact_website IS NOT NULL)
         FOR UPDATE`,
        [before],
      );
      const erased = await eraseProspectContacts(
        manager,
        inactive.map((r) => r.id),
        now,
      );
      // The workers forget the e-mails too (jobs committed with the erasure, in the outbox, written at once).
      await forget(jobs, erased);
      return erased.length;
    });
  }

  /** Creates the group of a joined prospect with the new member as admin, and links it to the prospect. */
  createGroup(prospectId: string, group: Partial<GroupEntity>, adminId: string): Promise<GroupEntity> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await createGroupWithAdmin(manager, group, adminId);
      const linked = rowsOf<{ id: string }>(
        await manager.query(`UPDATE members.prospects SET group_id = $2, last_activity_at = $3 WHERE id = $1 AND group_id IS NULL RETURNING id`, [
          prospectId,
          saved.id,
          this.clock.now(),
        ]),
      );
      if (!linked.length) throw new GroupAlreadyCreated();
      return saved;
    });
  }

  /** Counts per (territory, source kind) for [from, to). */
  outreach(from: Date, to: Date, communeCodes: string[] | null): Promise<OutreachRow[]> {
    return this.dataSource.query(
      `SELECT c.territory_code, p.source_kind,
              count(*) FILTER (WHERE p.created_at >= $1 AND p.created_at < $2)::int AS spotted,
              count(*) FILTER (WHERE p.contacted_at >= $1 AND p.contacted_at < $2)::int AS contacted,
              count(*) FILTER (WHERE p.joined_at >= $1 AND p.joined_at < $2)::int AS joined
       FROM members.prospects p
       LEFT JOIN members.communes c ON c.code = p.commune_code
       WHERE ($3::text[] IS NULL OR p.commune_code = ANY($3::text[]))
       GROUP BY c.territory_code, p.source_kind`,
      [from, to, communeCodes],
    );
  }

  /** Members (not erased) per territory of their commune. */
  membersPerTerritory(): Promise<{ territory_code: string; members: number }[]> {
    return this.dataSource.query(
      `SELECT c.territory_code, count(*)::int AS members
       FROM members.members m JOIN members.communes c ON c.code = m.commune_code
       WHERE m.deleted_at IS NULL AND c.territory_code IS NOT NULL
       GROUP BY c.territory_code`,
    );
  }
}

export class GroupAlreadyCreated extends Error {
  override name = 'GroupAlreadyCreated';
}
