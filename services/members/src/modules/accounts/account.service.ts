import * as argon2 from 'argon2';
import { randomBytes, randomUUID } from 'node:crypto';
import type { TokenSigner } from '@metropotes/auth';
import { badInput, conflict, unauthenticated } from '@metropotes/graphql-kit';
import type { Clock, Logger } from '@metropotes/config';
import { rowsOf } from '@metropotes/database';
import { forgetMemberInOutbox, withOutbox, type EmailTemplate, type JobQueues } from '@metropotes/jobs';
import { foldName, isCommuneCode } from '@metropotes/territories';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { GroupMembershipEntity } from '../groups/group.entity';
import { promoteAdminsWhereNone } from '../groups/group.repository';
import { MemberEntity } from '../members/member.entity';
import { ERASED_DISPLAY_NAME } from '../members/member.mapper';
import { acceptProspectInvitation, eraseProspectContacts, eraseProspectRecords, prospectIdsOfMember, prospectsOfMemberForExport } from '../prospects/prospect.repository';
import { forgetProspects } from '../prospects/prospect.service';
import { EmailLinkTokens, hashToken } from '../../email-links';
import type { MembersOutbox } from '../../outbox';
import { AccountTokenEntity, type AccountTokenPurpose } from './account-token.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { sanctionError } from './sanction-error';
import { assertStrongPassword } from './password-policy';
import { SessionVersions } from './session-versions';

export const REFRESH_TOKEN_TTL_DAYS = 30;
/** The erased marker where a column needs a uuid (members.moderation_applications.target_id): the nil UUID. */
export const ERASED_MEMBER_ID = '00000000-0000-0000-0000-000000000000';
export const VERIFY_EMAIL_TTL_HOURS = 48;
export const PASSWORD_RESET_TTL_MINUTES = 60;
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  communeCode: string;
  neighbourhood?: string | null;
  interests?: string[] | null;
  acceptCharter: boolean;
  /** A prospect's invitation: consumed in the sign-up's transaction (an invalid one refuses the sign-up). */
  invitationToken?: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  memberId: string;
}

const LOGIN_FAILED = 'Adresse e-mail ou mot de passe incorrect.';

/** What the e-mail links of accounts depend on. */
export interface AccountEmailSettings {
  /** Derives each link's token from its row (members' key). */
  links: EmailLinkTokens;
  /**
   * Verification e-mails, and reset e-mails, an address gets in an hour at most (ACCOUNT_EMAILS_PER_HOUR, 3). Beyond,
   * the request answers the same and nothing is written or sent. An elapsed-time window: real time.
   */
  perHour: number;
}

export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/** Erased, banned, or suspended at `now` (the service's clock: suspensions end at an instant written from it). */
export function isBlocked(member: MemberEntity, now: Date): boolean {
  return member.deletedAt !== null || member.bannedAt !== null || (member.suspendedUntil !== null && member.suspendedUntil > now);
}

/**
 * Accounts and sessions. Two kinds of time here: business times read from the service's clock (joined_at,
 * charter_accepted_at, email_verified_at, deleted_at, updated_at, whether a suspension is over), and technical
 * lifetimes on the real time, written and checked against the same source: refresh tokens (expires_at, rotated_at,
 * revoked_at), e-mail links (account_tokens: expires_at, used_at) and the access tokens the signer stamps (iat, exp).
 */
export class AccountService {
  private dummyHash: Promise<string> | null = null;
  private readonly sessionVersions: SessionVersions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: TokenSigner,
    /** Redis: the session versions (the e-mails' jobs go through the outbox). */
    jobs: JobQueues,
    /** Members' outbox: the e-mails' and the erasure's jobs are committed with their change (`withOutbox`), then relayed. */
    private readonly outbox: MembersOutbox,
    private readonly log: Logger,
    /** "Now" for the account's business times (see above). */
    private readonly clock: Clock,
    private readonly emails: AccountEmailSettings,
  ) {
    this.sessionVersions = new SessionVersions(jobs);
  }

  async signUp(input: SignUpInput): Promise<Session & { member: MemberEntity }> {
    if (input.acceptCharter !== true) {
      throw badInput('Pour rejoindre les Métropotes, il faut accepter la charte du réseau.', 'acceptCharter');
    }
    const email = input.email.trim().toLowerCase();
    const displayName = input.displayName.trim().replace(/\s+/g, ' ');
    if (input.neighbourhood && input.neighbourhood.trim().length > 80) {
      throw badInput('Le nom du quartier ne doit pas dépasser 80 caractères.', 'neighbourhood');
    }
    if (displayName.length < 2 || displayName.length > 80) {
      throw badInput('Le nom affiché doit contenir entre 2 et 80 caractères.', 'displayName');
    }
    if (!isCommuneCode(input.communeCode)) {
      throw badInput("Cette commune n'existe pas en Île-de-France (code INSEE attendu, par exemple 93039).", 'communeCode');
    }
    assertStrongPassword(input.password, { email, displayName });
    const passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);

    const now = this.clock.now();
    return withOutbox(this.outbox, async (manager) => {
      const repo = manager.getRepository(MemberEntity);
      let member: MemberEntity;
      try {
        member = await repo.save(
          repo.create({
            email,
            passwordHash,
            displayName,
            searchName: foldName(displayName),
            communeCode: input.communeCode,
            neighbourhood: input.neighbourhood?.trim() || null,
            interests: [...new Set(input.interests ?? [])],
            charterAcceptedAt: now,
            joinedAt: now,
            updatedAt: now,
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
      if (input.invitationToken && !(await acceptProspectInvitation(manager, input.invitationToken, member.id, now))) {
        throw badInput("Ce lien d'invitation n'est plus valable : inscrivez-vous sans lui, ou demandez-en un nouveau à l'équipe d'animation.", 'invitationToken');
      }
      const session = await this.openSession(manager.getRepository(RefreshTokenEntity), member, randomUUID());
      return { ...session, member };
    }).then(async (result) => {
      // The account exists whatever happens to the e-mail: the member can ask for it again.
      await this.sendVerification(result.member.id).catch((error: unknown) =>
        this.log.error({ err: error, memberId: result.member.id }, 'could not enqueue the verification e-mail'),
      );
      return result;
    });
  }

  /**
   * Sends (again) the e-mail that confirms the member's address: true, also when the address already got
   * ACCOUNT_EMAILS_PER_HOUR of them in the last hour (the sign-up's included) — then nothing is written or sent.
   */
  async sendVerification(memberId: string): Promise<boolean> {
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id: memberId });
    if (!member || member.deletedAt || !member.email) return false;
    if (member.emailVerifiedAt) throw badInput('Votre adresse e-mail est déjà confirmée.');
    const tokenId = await withOutbox(this.outbox, async (manager) => {
      if (!(await this.underLimit(manager, memberId, 'VERIFY_EMAIL'))) return null;
      const id = await this.issueToken(manager, memberId, 'VERIFY_EMAIL', VERIFY_EMAIL_TTL_HOURS * 60);
      await this.requestEmail(manager, 'verify-email', memberId, id);
      return id;
    });
    if (!tokenId) {
      this.log.info({ memberId, purpose: 'VERIFY_EMAIL' }, 'e-mail link limit reached: nothing sent');
      return true;
    }
    return true;
  }

  /** Confirms the address the token was sent to; returns the member's id. */
  async verifyEmail(token: string): Promise<string> {
    const memberId = await withOutbox(this.outbox, async (manager) => {
      const id = await this.consumeToken(manager, token, 'VERIFY_EMAIL');
      if (!id) return null;
      await this.markEmailVerified(manager, id);
      return id;
    });
    if (!memberId) throw badInput("Ce lien de confirmation n'est plus valable : demandez-en un nouveau.", 'token');
    return memberId;
  }

  /**
   * Always true, and as fast either way: the answer says nothing about whether the address has an account, nor
   * whether it got ACCOUNT_EMAILS_PER_HOUR reset e-mails in the last hour already (then nothing is written or sent).
   * The link is issued and its e-mail enqueued after the answer (failures are logged).
   */
  async requestPasswordReset(emailInput: string): Promise<boolean> {
    const email = emailInput.trim().toLowerCase();
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ email });
    if (member && !isBlocked(member, this.clock.now())) {
      void this.issuePasswordReset(member.id).catch((error: unknown) =>
        this.log.error({ err: error, memberId: member.id }, 'could not issue a password-reset link'),
      );
    }
    return true;
  }

  private async issuePasswordReset(memberId: string): Promise<void> {
    const tokenId = await withOutbox(this.outbox, async (manager) => {
      if (!(await this.underLimit(manager, memberId, 'PASSWORD_RESET'))) return null;
      // A new link replaces the previous ones.
      await manager
        .getRepository(AccountTokenEntity)
        .createQueryBuilder()
        .update()
        .set({ usedAt: () => 'now()' })
        .where(`member_id = :id AND purpose = 'PASSWORD_RESET' AND used_at IS NULL`, { id: memberId })
        .execute();
      const id = await this.issueToken(manager, memberId, 'PASSWORD_RESET', PASSWORD_RESET_TTL_MINUTES);
      await this.requestEmail(manager, 'password-reset', memberId, id);
      return id;
    });
    if (!tokenId) {
      this.log.info({ memberId, purpose: 'PASSWORD_RESET' }, 'e-mail link limit reached: nothing sent');
      return;
    }
  }

  /**
   * Whether the member's address may get one more link of `purpose` now: fewer than ACCOUNT_EMAILS_PER_HOUR issued in
   * the last hour (their rows, used or not, counted; the member's row locked so that two requests at once count each
   * other). The window is elapsed time: real time, the database's, as the rows' created_at.
   */
  private async underLimit(manager: EntityManager, memberId: string, purpose: AccountTokenPurpose): Promise<boolean> {
    await manager.query(`SELECT 1 FROM members.members WHERE id = $1 FOR UPDATE`, [memberId]);
    const rows = rowsOf<{ n: number }>(
      await manager.query(
        `SELECT count(*)::int AS n FROM members.account_tokens
         WHERE member_id = $1 AND purpose = $2 AND created_at > now() - interval '1 hour'`,
        [memberId, purpose],
      ),
    );
    return (rows[0]?.n ?? 0) < this.emails.perHour;
  }

  /**
   * For the workers, when they send the e-mail (system only, `systemMailSecret`): the token of an account e-mail's
   * link, derived again from its row; null when the row is unknown, used or expired, or was written before tokens were
   * derived (its e-mail then goes unsent: the member asks again).
   */
  async mailSecret(purpose: AccountTokenPurpose, tokenId: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(AccountTokenEntity).findOneBy({ id: tokenId, purpose });
    // A token lifetime: real time, as when it was issued and as its check in consumeToken.
    if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
    return this.emails.links.matches(purpose, row.id, row.tokenHash) ? this.emails.links.tokenFor(purpose, row.id) : null;
  }

  /** Sets a new password with a reset token; every session of the member ends. Returns the member's id. */
  async resetPassword(token: string, newPassword: string): Promise<string> {
    const invalid = () => badInput("Ce lien de réinitialisation n'est plus valable : demandez-en un nouveau.", 'token');
    const pending = await this.dataSource.getRepository(AccountTokenEntity).findOneBy({ tokenHash: hashToken(token), purpose: 'PASSWORD_RESET' });
    if (!pending || pending.usedAt || pending.expiresAt <= new Date()) throw invalid();
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id: pending.memberId });
    if (!member || member.deletedAt) throw invalid();
    assertStrongPassword(newPassword, { email: member.email ?? undefined, displayName: member.displayName, field: 'newPassword' });
    const passwordHash = await argon2.hash(newPassword, ARGON2_OPTIONS);
    const ok = await withOutbox(this.outbox, async (manager) => {
      const id = await this.consumeToken(manager, token, 'PASSWORD_RESET');
      if (id !== member.id) return false;
      // The reset proves the mailbox is theirs.
      await manager.getRepository(MemberEntity).update({ id }, { passwordHash, updatedAt: this.clock.now() });
      await this.markEmailVerified(manager, id);
      await this.revokeAllSessions(manager, id);
      return true;
    });
    if (!ok) throw invalid();
    return member.id;
  }

  /**
   * RGPD erasure: personal data removed, the account closed, sessions revoked; other services are told
   * through the 'member.erased' job to anonymise what they hold. The jobs are committed with the erasure (the
   * outbox: a crash between the commit and the enqueue loses nothing). The new session version is published to
   * Redis before commit, as for role changes and suspensions: if Redis refuses it, the erasure fails whole
   * (SERVICE_UNAVAILABLE, nothing erased) — otherwise the member's access tokens would keep working after
   * `member.erased` has run, and what they wrote with them would never be anonymised.
   */
  async deleteAccount(memberId: string, password: string): Promise<boolean> {
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id: memberId });
    if (!member || member.deletedAt) throw unauthenticated();
    const ok = member.passwordHash ? await argon2.verify(member.passwordHash, password).catch(() => false) : false;
    if (!ok) throw badInput('Mot de passe incorrect.', 'password');
    const now = this.clock.now();
    await withOutbox(this.outbox, async (manager) => {
      // Outreach records about them (their address as a prospect's contact, the prospect they joined as) lose
      // their contact data, as minimisation does; the workers forget those e-mails too.
      const prospects = await prospectIdsOfMember(manager, memberId, member.email);
      const forgotten = await eraseProspectContacts(manager, prospects, now);
      await manager.getRepository(MemberEntity).update(
        { id: memberId },
        {
          email: null,
          emailVerifiedAt: null,
          passwordHash: null,
          displayName: ERASED_DISPLAY_NAME,
          searchName: foldName(ERASED_DISPLAY_NAME),
          bio: null,
          avatarUrl: null,
          communeCode: null,
          neighbourhood: null,
          interests: [],
          skills: [],
          showAttendedEvents: false,
          followedCommunes: [],
          followedTerritories: [],
          followedThemes: [],
          followedScales: [],
          welcomeNote: null,
          buddyId: null,
          firstParticipationAt: null,
          deletedAt: now,
          updatedAt: now,
        },
      );
      await manager.getRepository(MemberEntity).update({ buddyId: memberId }, { buddyId: null });
      await manager.getRepository(AccountTokenEntity).delete({ memberId });
      const memberships = manager.getRepository(GroupMembershipEntity);
      const groups = (await memberships.findBy({ memberId })).map((m) => m.groupId);
      await memberships.delete({ memberId });
      await promoteAdminsWhereNone(manager, groups);
      // The messages they wrote to a group stay (its members got them), without their author (modules/group-messages).
      await manager.query(`UPDATE members.group_messages SET author_id = NULL WHERE author_id = $1`, [memberId]);
      await forgetProspects(this.outbox.writerIn(manager), forgotten);
      // The prospect records matched to the account are erased too (name, source note, staff's notes, the link).
      await eraseProspectRecords(manager, prospects);
      // Others' rows that name them (who created, owned, noted, invited, welcomed) lose the link; their warnings go;
      // a decision applied to them keeps its idempotency row, without their id (the erased marker).
      await manager.query(`UPDATE members.members SET welcomed_by = NULL WHERE welcomed_by = $1`, [memberId]);
      await manager.query(`UPDATE members.groups SET created_by = NULL WHERE created_by = $1`, [memberId]);
      await manager.query(`UPDATE members.prospects SET created_by = NULL WHERE created_by = $1`, [memberId]);
      await manager.query(`UPDATE members.prospects SET owner_id = NULL WHERE owner_id = $1`, [memberId]);
      await manager.query(`UPDATE members.prospect_notes SET author_id = NULL WHERE author_id = $1`, [memberId]);
      await manager.query(`UPDATE members.prospect_invitations SET invited_by = NULL WHERE invited_by = $1`, [memberId]);
      await manager.query(`DELETE FROM members.member_warnings WHERE member_id = $1`, [memberId]);
      await manager.query(`UPDATE members.moderation_applications SET target_id = $2 WHERE target_type = 'MEMBER' AND target_id = $1`, [memberId, ERASED_MEMBER_ID]);
      // Jobs about them still in the outbox have nothing left to do; then the erasure's own job.
      await forgetMemberInOutbox(manager, this.outbox.schema, memberId);
      await this.outbox.writerIn(manager).add('member.erased', { memberId });
      // Last step before commit: sessions end and the access tokens already issued stop working (session version
      // published to Redis). If Redis refuses, nothing is erased and the member can retry. The revoked refresh
      // tokens then go: a refresh with one is refused as with any unknown token.
      await this.revokeAllSessions(manager, memberId);
      await manager.getRepository(RefreshTokenEntity).delete({ memberId });
    });
    return true;
  }

  /** The member's account is open (not erased): UNAUTHENTICATED otherwise. */
  async assertActive(memberId: string): Promise<void> {
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id: memberId });
    if (!member || member.deletedAt) throw unauthenticated();
  }

  /** RGPD access: the members service's part of the data export (no secrets, no hashes). */
  async exportData(memberId: string): Promise<Record<string, unknown>> {
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id: memberId });
    if (!member || member.deletedAt) throw unauthenticated();
    const sessions = await this.dataSource
      .getRepository(RefreshTokenEntity)
      .find({ where: { memberId }, order: { createdAt: 'ASC' } });
    const tokens = await this.dataSource.getRepository(AccountTokenEntity).find({ where: { memberId }, order: { createdAt: 'ASC' } });
    const groups: { id: string; name: string; role: string; joined_at: Date; receives_messages: boolean }[] = await this.dataSource.query(
      `SELECT g.id, g.name, gm.role, gm.joined_at, gm.receives_messages FROM members.group_memberships gm
       JOIN members.groups g ON g.id = gm.group_id WHERE gm.member_id = $1 ORDER BY gm.joined_at`,
      [memberId],
    );
    // Outreach records about the member (their address as a contact, or the prospect they joined as), with the staff's notes.
    const prospects = await prospectsOfMemberForExport(this.dataSource, memberId, member.email);
    // Messages they wrote to their groups' members (group admins).
    const groupMessages: { id: string; group_id: string; subject: string; body: string; moderation_state: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT id, group_id, subject, body, moderation_state, created_at FROM members.group_messages WHERE author_id = $1 ORDER BY created_at, id`,
      [memberId],
    );
    // Warnings received (moderation's part has every sanction with its reason; this is members' copy).
    const warnings: { reason: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT reason, created_at FROM members.member_warnings WHERE member_id = $1 ORDER BY created_at`,
      [memberId],
    );
    return {
      service: 'members',
      profile: {
        id: member.id,
        email: member.email,
        emailVerifiedAt: member.emailVerifiedAt,
        displayName: member.displayName,
        bio: member.bio,
        avatarUrl: member.avatarUrl,
        communeCode: member.communeCode,
        neighbourhood: member.neighbourhood,
        interests: member.interests,
        skills: member.skills,
        profileVisibility: member.profileVisibility,
        showAttendedEvents: member.showAttendedEvents,
        role: member.role,
        joinedAt: member.joinedAt,
        charterAcceptedAt: member.charterAcceptedAt,
        suspendedUntil: member.suspendedUntil,
        bannedAt: member.bannedAt,
      },
      welcome: {
        status: member.welcomeStatus,
        welcomedAt: member.welcomedAt,
        welcomedBy: member.welcomedBy,
        note: member.welcomeNote,
        buddyId: member.buddyId,
        firstParticipationAt: member.firstParticipationAt,
        nudgedAt: member.nudgedAt,
      },
      notificationPreferences: {
        digestFrequency: member.digestFrequency,
        followedCommunes: member.followedCommunes,
        followedTerritories: member.followedTerritories,
        followedThemes: member.followedThemes,
        followedScales: member.followedScales,
        eventReminders: member.eventReminders,
        staffDigest: member.staffDigest,
        welcomeFollowUp: member.welcomeFollowUp,
      },
      groups: groups.map((g) => ({ id: g.id, name: g.name, role: g.role, joinedAt: g.joined_at, receivesMessages: g.receives_messages })),
      groupMessagesWritten: groupMessages.map((m) => ({ id: m.id, groupId: m.group_id, subject: m.subject, body: m.body, moderationState: m.moderation_state, createdAt: m.created_at })),
      sessions: sessions.map((s) => ({ createdAt: s.createdAt, expiresAt: s.expiresAt, rotatedAt: s.rotatedAt, revokedAt: s.revokedAt })),
      emailLinks: tokens.map((t) => ({ purpose: t.purpose, createdAt: t.createdAt, expiresAt: t.expiresAt, usedAt: t.usedAt })),
      prospects,
      warnings: warnings.map((w) => ({ reason: w.reason, createdAt: w.created_at })),
    };
  }

  /**
   * The first confirmation of the address is kept (a later reset does not move it); a business time, from the clock.
   * The first one also asks for the welcome e-mail, in the same transaction (members' outbox): a welcome goes only to
   * an address that proved to be the member's, and never with the verification e-mail it would repeat. One per member
   * ever (dedupe key `welcome:<member>`).
   */
  private async markEmailVerified(manager: EntityManager, memberId: string): Promise<void> {
    const first = rowsOf<{ id: string }>(
      await manager.query(`UPDATE members.members SET email_verified_at = $2::timestamptz WHERE id = $1 AND email_verified_at IS NULL RETURNING id`, [
        memberId,
        this.clock.now(),
      ]),
    );
    if (first.length) {
      await this.outbox.writerIn(manager).add('email.requested', { template: 'welcome', memberId, dedupeKey: `welcome:${memberId}`, params: {} });
    }
  }

  /**
   * An e-mail link: its row, with the hash of the token derived from the row's id (the token itself is given to the
   * workers only when they send the e-mail). Its lifetime is technical (real time), like its check in consumeToken.
   * Returns the row's id.
   */
  private async issueToken(manager: EntityManager, memberId: string, purpose: AccountTokenPurpose, ttlMinutes: number): Promise<string> {
    const id = randomUUID();
    await manager.getRepository(AccountTokenEntity).insert({
      id,
      memberId,
      purpose,
      tokenHash: hashToken(this.emails.links.tokenFor(purpose, id)),
      expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
    });
    return id;
  }

  /** Marks a valid token used, atomically; its member's id, or null when it is unknown, used or expired. */
  private async consumeToken(manager: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<string | null> {
    const rows = rowsOf<{ member_id: string }>(
      await manager.query(
        `UPDATE members.account_tokens SET used_at = now()
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
         RETURNING member_id`,
        [hashToken(token), purpose],
      ),
    );
    return rows[0]?.member_id ?? null;
  }

  /**
   * The e-mail of a link, asked for in the link's transaction (members' outbox, relayed after the commit: Redis
   * refusing loses nothing). The job names the token's row, never the token (the workers ask for it when they send it).
   */
  private async requestEmail(manager: EntityManager, template: EmailTemplate, memberId: string, tokenId: string): Promise<void> {
    await this.outbox.writerIn(manager).add('email.requested', { template, memberId, dedupeKey: `${template}:${tokenId}`, params: { tokenId } });
  }

  /**
   * Every refresh token revoked, and the session version bumped so that the access tokens already issued stop
   * working too (published to Redis before commit: if Redis refuses, the transaction fails).
   */
  private async revokeAllSessions(manager: EntityManager, memberId: string): Promise<void> {
    await manager
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('member_id = :memberId AND revoked_at IS NULL', { memberId })
      .execute();
    await this.sessionVersions.bump(manager, memberId);
  }

  async logIn(emailInput: string, password: string): Promise<Session> {
    const email = emailInput.trim().toLowerCase();
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ email });
    // Same work whether the e-mail exists or not: the answer must not tell.
    const hash = member?.passwordHash ?? (await this.getDummyHash());
    const ok = await argon2.verify(hash, password).catch(() => false);
    if (!member || !ok) throw unauthenticated(LOGIN_FAILED);
    if (isBlocked(member, this.clock.now())) throw this.blockedError(member);
    return this.openSession(this.dataSource.getRepository(RefreshTokenEntity), member, randomUUID());
  }

  /** Rotates a refresh token. A token already rotated means it was stolen: the whole family is revoked. */
  async refresh(refreshToken: string): Promise<Session> {
    const invalid = () => unauthenticated('Votre session a expiré : reconnectez-vous.');
    const outcome = await withOutbox(this.outbox, async (manager) => {
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
      if (isBlocked(member, this.clock.now())) return { kind: 'blocked' as const, member };
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
    const accessToken = await this.signer.sign({ sub: member.id, role: member.role, sv: member.sessionVersion ?? 0 });
    return { accessToken, refreshToken, memberId: member.id };
  }

  private blockedError(member: MemberEntity) {
    return sanctionError(member, this.clock.now()) ?? unauthenticated(LOGIN_FAILED);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);
    return this.dummyHash;
  }
}
