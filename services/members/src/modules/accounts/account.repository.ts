import { rowsOf } from '@metropotes/database';
import type { DataSource, EntityManager } from 'typeorm';
import { MemberEntity } from '../members';
import { AccountTokenEntity, type AccountTokenPurpose } from './account-token.entity';
import { RefreshTokenEntity } from './refresh-token.entity';

/** A new member's row, as the sign-up writes it. */
export type NewMember = Pick<
  MemberEntity,
  | 'email'
  | 'passwordHash'
  | 'displayName'
  | 'searchName'
  | 'communeCode'
  | 'neighbourhood'
  | 'interests'
  | 'charterAcceptedAt'
  | 'joinedAt'
  | 'updatedAt'
>;

/**
 * Accounts' SQL: the account's columns of the member's row (address, password hash, confirmation), its e-mail links
 * (account_tokens) and its sessions (refresh_tokens). Technical lifetimes (tokens' expires_at, used_at, rotated_at,
 * revoked_at) are on the real time — the database's `now()` or `new Date()`, as written by the caller.
 */
export class AccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  memberById(id: string, q: EntityManager = this.dataSource.manager): Promise<MemberEntity | null> {
    return q.getRepository(MemberEntity).findOneBy({ id });
  }

  memberByEmail(email: string): Promise<MemberEntity | null> {
    return this.dataSource.getRepository(MemberEntity).findOneBy({ email });
  }

  /** Inserts the new member's row (a duplicate address raises PostgreSQL's 23505). */
  insertMember(tx: EntityManager, member: NewMember): Promise<MemberEntity> {
    const repo = tx.getRepository(MemberEntity);
    return repo.save(repo.create(member));
  }

  async setPasswordHash(tx: EntityManager, id: string, passwordHash: string, at: Date): Promise<void> {
    await tx.getRepository(MemberEntity).update({ id }, { passwordHash, updatedAt: at });
  }

  /** Marks the address confirmed at `at` unless it already was: whether this was its first confirmation. */
  async markEmailVerified(tx: EntityManager, memberId: string, at: Date): Promise<boolean> {
    const first = rowsOf<{ id: string }>(
      await tx.query(`UPDATE members.members SET email_verified_at = $2::timestamptz WHERE id = $1 AND email_verified_at IS NULL RETURNING id`, [
        memberId,
        at,
      ]),
    );
    return first.length > 0;
  }

  /**
   * E-mail links of `purpose` issued to the member in the last hour (used or not), the member's row locked first so
   * that two requests at once count each other. Elapsed time: the database's real time, as the rows' created_at.
   */
  async linksInLastHour(tx: EntityManager, memberId: string, purpose: AccountTokenPurpose): Promise<number> {
    await tx.query(`SELECT 1 FROM members.members WHERE id = $1 FOR UPDATE`, [memberId]);
    const rows = rowsOf<{ n: number }>(
      await tx.query(
        `SELECT count(*)::int AS n FROM members.account_tokens
         WHERE member_id = $1 AND purpose = $2 AND created_at > now() - interval '1 hour'`,
        [memberId, purpose],
      ),
    );
    return rows[0]?.n ?? 0;
  }

  async insertToken(tx: EntityManager, row: Pick<AccountTokenEntity, 'id' | 'memberId' | 'purpose' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await tx.getRepository(AccountTokenEntity).insert(row);
  }

  /** The member's unused reset links are marked used (a new link replaces them). */
  async retirePasswordResets(tx: EntityManager, memberId: string): Promise<void> {
    await tx
      .getRepository(AccountTokenEntity)
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where(`member_id = :id AND purpose = 'PASSWORD_RESET' AND used_at IS NULL`, { id: memberId })
      .execute();
  }

  tokenById(id: string, purpose: AccountTokenPurpose): Promise<AccountTokenEntity | null> {
    return this.dataSource.getRepository(AccountTokenEntity).findOneBy({ id, purpose });
  }

  tokenByHash(tokenHash: string, purpose: AccountTokenPurpose): Promise<AccountTokenEntity | null> {
    return this.dataSource.getRepository(AccountTokenEntity).findOneBy({ tokenHash, purpose });
  }

  /** Marks a valid token used, atomically; its member's id, or null when it is unknown, used or expired. */
  async consumeToken(tx: EntityManager, tokenHash: string, purpose: AccountTokenPurpose): Promise<string | null> {
    const rows = rowsOf<{ member_id: string }>(
      await tx.query(
        `UPDATE members.account_tokens SET used_at = now()
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
         RETURNING member_id`,
        [tokenHash, purpose],
      ),
    );
    return rows[0]?.member_id ?? null;
  }

  async insertRefreshToken(
    tx: EntityManager | null,
    row: Pick<RefreshTokenEntity, 'memberId' | 'familyId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await (tx ?? this.dataSource.manager).getRepository(RefreshTokenEntity).insert(row);
  }

  /** The refresh token with this hash, its row locked for the rotation. */
  lockRefreshToken(tx: EntityManager, tokenHash: string): Promise<RefreshTokenEntity | null> {
    return tx
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: tokenHash })
      .getOne();
  }

  refreshTokenByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.dataSource.getRepository(RefreshTokenEntity).findOneBy({ tokenHash });
  }

  async markRotated(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.getRepository(RefreshTokenEntity).update({ id }, { rotatedAt: at });
  }

  async revokeFamily(tx: EntityManager | null, familyId: string): Promise<void> {
    await (tx ?? this.dataSource.manager)
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :family AND revoked_at IS NULL', { family: familyId })
      .execute();
  }

  async revokeAllRefreshTokens(tx: EntityManager, memberId: string): Promise<void> {
    await tx
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('member_id = :memberId AND revoked_at IS NULL', { memberId })
      .execute();
  }

  /** Accounts' part of an erasure: the member's e-mail links go (their sessions go last, after the revocation). */
  async eraseLinks(tx: EntityManager, memberId: string): Promise<void> {
    await tx.getRepository(AccountTokenEntity).delete({ memberId });
  }

  async deleteRefreshTokens(tx: EntityManager, memberId: string): Promise<void> {
    await tx.getRepository(RefreshTokenEntity).delete({ memberId });
  }

  /** The member's sessions and e-mail links, oldest first (data export: no token, no hash is returned by the caller). */
  async sessionsAndLinks(memberId: string): Promise<{ sessions: RefreshTokenEntity[]; links: AccountTokenEntity[] }> {
    const sessions = await this.dataSource.getRepository(RefreshTokenEntity).find({ where: { memberId }, order: { createdAt: 'ASC' } });
    const links = await this.dataSource.getRepository(AccountTokenEntity).find({ where: { memberId }, order: { createdAt: 'ASC' } });
    return { sessions, links };
  }

  /** Read-only queries for the other modules' parts of the data export. */
  get reader(): Pick<EntityManager, 'query'> {
    return this.dataSource.manager;
  }
}
