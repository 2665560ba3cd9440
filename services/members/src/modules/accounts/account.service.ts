import * as argon2 from 'argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TokenSigner } from '@metropotes/auth';
import { apiError, badInput, conflict, unauthenticated } from '@metropotes/graphql-kit';
import { isCommuneCode } from '@metropotes/territories';
import type { DataSource, Repository } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { assertStrongPassword } from './password-policy';

export const REFRESH_TOKEN_TTL_DAYS = 30;
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  communeCode: string;
  neighbourhood?: string | null;
  interests?: string[] | null;
  acceptCharter: boolean;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  memberId: string;
}

const LOGIN_FAILED = 'Adresse e-mail ou mot de passe incorrect.';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

export function isBlocked(member: MemberEntity, now = new Date()): boolean {
  return member.deletedAt !== null || member.bannedAt !== null || (member.suspendedUntil !== null && member.suspendedUntil > now);
}

export class AccountService {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: TokenSigner,
  ) {}

  async signUp(input: SignUpInput): Promise<Session & { member: MemberEntity }> {
    if (input.acceptCharter !== true) {
      throw badInput('Pour rejoindre les Métropotes, il faut accepter la charte du réseau.', 'acceptCharter');
    }
    const email = input.email.trim().toLowerCase();
    const displayName = input.displayName.trim();
    if (displayName.length < 2 || displayName.length > 80) {
      throw badInput('Le nom affiché doit contenir entre 2 et 80 caractères.', 'displayName');
    }
    if (!isCommuneCode(input.communeCode)) {
      throw badInput("Cette commune n'existe pas en Île-de-France (code INSEE attendu, par exemple 93039).", 'communeCode');
    }
    assertStrongPassword(input.password, { email, displayName });
    const passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);

    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(MemberEntity);
      let member: MemberEntity;
      try {
        member = await repo.save(
          repo.create({
            email,
            passwordHash,
            displayName,
            communeCode: input.communeCode,
            neighbourhood: input.neighbourhood?.trim() || null,
            interests: [...new Set(input.interests ?? [])],
            charterAcceptedAt: new Date(),
          }),
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw conflict('Un compte existe déjà avec cette adresse e-mail. Connectez-vous ou réinitialisez votre mot de passe.', {
            field: 'email',
          });
        }
        throw error;
      }
      const session = await this.openSession(manager.getRepository(RefreshTokenEntity), member, randomUUID());
      return { ...session, member };
    });
  }

  async logIn(emailInput: string, password: string): Promise<Session> {
    const email = emailInput.trim().toLowerCase();
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ email });
    // Same work whether the e-mail exists or not: the answer must not tell.
    const hash = member?.passwordHash ?? (await this.getDummyHash());
    const ok = await argon2.verify(hash, password).catch(() => false);
    if (!member || !ok) throw unauthenticated(LOGIN_FAILED);
    if (isBlocked(member)) throw this.blockedError(member);
    return this.openSession(this.dataSource.getRepository(RefreshTokenEntity), member, randomUUID());
  }

  /** Rotates a refresh token. A token already rotated means it was stolen: the whole family is revoked. */
  async refresh(refreshToken: string): Promise<Session> {
    const invalid = () => unauthenticated('Votre session a expiré : reconnectez-vous.');
    const outcome = await this.dataSource.transaction(async (manager) => {
      const tokens = manager.getRepository(RefreshTokenEntity);
      const found = await tokens
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashToken(refreshToken) })
        .getOne();
      if (!found || found.revokedAt || found.expiresAt <= new Date()) return { kind: 'invalid' as const };
      if (found.rotatedAt) {
        // Committed before we answer: the revocation must survive the refusal.
        await this.revokeFamily(tokens, found.familyId);
        return { kind: 'reused' as const };
      }
      const member = await manager.getRepository(MemberEntity).findOneBy({ id: found.memberId });
      if (!member) return { kind: 'invalid' as const };
      if (isBlocked(member)) return { kind: 'blocked' as const, member };
      await tokens.update({ id: found.id }, { rotatedAt: new Date() });
      return { kind: 'ok' as const, session: await this.openSession(tokens, member, found.familyId) };
    });
    if (outcome.kind === 'ok') return outcome.session;
    if (outcome.kind === 'blocked') throw this.blockedError(outcome.member);
    throw invalid();
  }

  /** Revokes the refresh token's whole family (this device's session). Unknown tokens are not an error. */
  async logOut(refreshToken: string): Promise<boolean> {
    const tokens = this.dataSource.getRepository(RefreshTokenEntity);
    const found = await tokens.findOneBy({ tokenHash: hashToken(refreshToken) });
    if (found) await this.revokeFamily(tokens, found.familyId);
    return true;
  }

  private async revokeFamily(tokens: Repository<RefreshTokenEntity>, familyId: string): Promise<void> {
    await tokens
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :family AND revoked_at IS NULL', { family: familyId })
      .execute();
  }

  private async openSession(
    tokens: Repository<RefreshTokenEntity>,
    member: MemberEntity,
    familyId: string,
  ): Promise<Session> {
    const refreshToken = newOpaqueToken();
    await tokens.insert({
      memberId: member.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000),
    });
    const accessToken = await this.signer.sign({ sub: member.id, role: member.role });
    return { accessToken, refreshToken, memberId: member.id };
  }

  private blockedError(member: MemberEntity) {
    if (member.bannedAt) return apiError('FORBIDDEN', "Ce compte a été exclu du réseau par l'équipe de modération.");
    if (member.suspendedUntil && member.suspendedUntil > new Date()) {
      const until = member.suspendedUntil.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
      return apiError('FORBIDDEN', `Ce compte est suspendu jusqu'au ${until}.`, { suspendedUntil: member.suspendedUntil.toISOString() });
    }
    return unauthenticated(LOGIN_FAILED);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);
    return this.dummyHash;
  }
}
