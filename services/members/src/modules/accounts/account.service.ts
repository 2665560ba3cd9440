import { randomBytes, randomUUID } from 'node:crypto';
import type { TokenSigner } from '@metropotes/auth';
import { badInput, conflict, unauthenticated } from '@metropotes/graphql-kit';
import type { Clock, Logger } from '@metropotes/config';
import { forgetMemberInOutbox, withOutbox, type EmailTemplate } from '@metropotes/jobs';
import { foldName, isCommuneCode } from '@metropotes/territories';
import type { EntityManager } from 'typeorm';
import * as groupMessages from '../group-messages';
import * as groups from '../groups';
import * as members from '../members';
import { sanctionError, type MemberEntity, type SessionVersions } from '../members';
import * as moderation from '../moderation';
import * as prospects from '../prospects';
import { EmailLinkTokens, hashToken } from '../../email-links';
import type { MembersOutbox } from '../../outbox';
import type { AccountTokenPurpose } from './account-token.entity';
import type { AccountRepository } from './account.repository';
import type { PasswordHasher } from './password-hasher';
import { assertStrongPassword } from './password-policy';

export const REFRESH_TOKEN_TTL_DAYS = 30;
export const VERIFY_EMAIL_TTL_HOURS = 48;
export const PASSWORD_RESET_TTL_MINUTES = 60;

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
  constructor(
    /** Accounts' SQL (account.repository.ts); the other modules' parts of an erasure go through their index.ts. */
    private readonly repository: AccountRepository,
    private readonly signer: TokenSigner,
    /** Redis: the session versions (the e-mails' jobs go through the outbox). */
    private readonly sessionVersions: SessionVersions,
    /** Members' outbox: the e-mails' and the erasure's jobs are committed with their change (`withOutbox`), then relayed. */
    private readonly outbox: MembersOutbox,
    private readonly log: Logger,
    /** "Now" for the account's business times (see above). */
    private readonly clock: Clock,
    private readonly emails: AccountEmailSettings,
    /** The process's one hasher (composition root): its dummy hash is computed once, at boot. */
    private readonly passwords: PasswordHasher,
  ) {}

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
    const passwordHash = await this.passwords.hash(input.password);

    const now = this.clock.now();
    return withOutbox(this.outbox, async (manager) => {
      let member: MemberEntity;
      try {
        member = await this.repository.insertMember(manager, {
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
        });
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw conflict('Un compte existe déjà avec cette adresse e-mail. Connectez-vous ou réinitialisez votre mot de passe.', {
            field: 'email',
          });
        }
        throw error;
      }
      if (input.invitationToken && !(await prospects.acceptInvitation(manager, input.invitationToken, member.id, now))) {
        throw badInput(
          "Ce lien d'invitation n'est plus valable : inscrivez-vous sans lui, ou demandez-en un nouveau à l'équipe d'animation.",
          'invitationToken',
        );
      }
      const session = await this.openSession(manager, member, randomUUID());
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
    const member = await this.repository.memberById(memberId);
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
    const member = await this.repository.memberByEmail(email);
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
      await this.repository.retirePasswordResets(manager, memberId);
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
    return (await this.repository.linksInLastHour(manager, memberId, purpose)) < this.emails.perHour;
  }

  /**
   * For the workers, when they send the e-mail (system only, `systemMailSecret`): the token of an account e-mail's
   * link, derived again from its row; null when the row is unknown, used or expired, or was written before tokens were
   * derived (its e-mail then goes unsent: the member asks again).
   */
  async mailSecret(purpose: AccountTokenPurpose, tokenId: string): Promise<string | null> {
    const row = await this.repository.tokenById(tokenId, purpose);
    // A token lifetime: real time, as when it was issued and as its check in consumeToken.
    if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
    return this.emails.links.matches(purpose, row.id, row.tokenHash) ? this.emails.links.tokenFor(purpose, row.id) : null;
  }

  /** Sets a new password with a reset token; every session of the member ends. Returns the member's id. */
  async resetPassword(token: string, newPassword: string): Promise<string> {
    const invalid = () => badInput("Ce lien de réinitialisation n'est plus valable : demandez-en un nouveau.", 'token');
    const pending = await this.repository.tokenByHash(hashToken(token), 'PASSWORD_RESET');
    if (!pending || pending.usedAt || pending.expiresAt <= new Date()) throw invalid();
    const member = await this.repository.memberById(pending.memberId);
    if (!member || member.deletedAt) throw invalid();
    assertStrongPassword(newPassword, { email: member.email ?? undefined, displayName: member.displayName, field: 'newPassword' });
    const passwordHash = await this.passwords.hash(newPassword);
    const ok = await withOutbox(this.outbox, async (manager) => {
      const id = await this.consumeToken(manager, token, 'PASSWORD_RESET');
      if (id !== member.id) return false;
      // The reset proves the mailbox is theirs.
      await this.repository.setPasswordHash(manager, id, passwordHash, this.clock.now());
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
    const member = await this.repository.memberById(memberId);
    if (!member || member.deletedAt) throw unauthenticated();
    const ok = await this.passwords.verifyOrDummy(member.passwordHash, password);
    if (!ok) throw badInput('Mot de passe incorrect.', 'password');
    const now = this.clock.now();
    await withOutbox(this.outbox, async (manager) => {
      // Each module erases what it holds about the member (its index.ts): outreach first, while it still knows the
      // address (its records lose their contact data, the workers forget those e-mails), then the member's row, their
      // e-mail links, groups, messages and warnings.
      await prospects.eraseMember(manager, memberId, { email: member.email, at: now }, this.outbox.writerIn(manager));
      await members.eraseMember(manager, memberId, now);
      await this.repository.eraseLinks(manager, memberId);
      await groups.eraseMember(manager, memberId);
      await groupMessages.eraseMember(manager, memberId);
      await moderation.eraseMember(manager, memberId);
      // Jobs about them still in the outbox have nothing left to do; then the erasure's own job.
      await forgetMemberInOutbox(manager, this.outbox.schema, memberId);
      await this.outbox.writerIn(manager).add('member.erased', { memberId });
      // Last step before commit: sessions end and the access tokens already issued stop working (session version
      // published to Redis). If Redis refuses, nothing is erased and the member can retry. The revoked refresh
      // tokens then go: a refresh with one is refused as with any unknown token.
      await this.revokeAllSessions(manager, memberId);
      await this.repository.deleteRefreshTokens(manager, memberId);
    });
    return true;
  }

  /** The member's account is open (not erased): UNAUTHENTICATED otherwise. */
  async assertActive(memberId: string): Promise<void> {
    const member = await this.repository.memberById(memberId);
    if (!member || member.deletedAt) throw unauthenticated();
  }

  /** RGPD access: the members service's part of the data export (no secrets, no hashes). */
  async exportData(memberId: string): Promise<Record<string, unknown>> {
    const member = await this.repository.memberById(memberId);
    if (!member || member.deletedAt) throw unauthenticated();
    const { sessions, links: tokens } = await this.repository.sessionsAndLinks(memberId);
    // Each module's part: their groups, the messages they wrote to them (group admins), the outreach records about
    // them (their address as a contact, or the prospect they joined as) with the staff's notes, the warnings received.
    const reader = this.repository.reader;
    const groupsOfMember = await groups.exportMember(reader, memberId);
    const groupMessagesWritten = await groupMessages.exportMember(reader, memberId);
    const prospectsOfMember = await prospects.exportMember(reader, memberId, member.email);
    const warnings = await moderation.exportMember(reader, memberId);
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
      groups: groupsOfMember,
      groupMessagesWritten,
      sessions: sessions.map((s) => ({ createdAt: s.createdAt, expiresAt: s.expiresAt, rotatedAt: s.rotatedAt, revokedAt: s.revokedAt })),
      emailLinks: tokens.map((t) => ({ purpose: t.purpose, createdAt: t.createdAt, expiresAt: t.expiresAt, usedAt: t.usedAt })),
      prospects: prospectsOfMember,
      warnings,
    };
  }

  /**
   * The first confirmation of the address is kept (a later reset does not move it); a business time, from the clock.
   * The first one also asks for the welcome e-mail, in the same transaction (members' outbox): a welcome goes only to
   * an address that proved to be the member's, and never with the verification e-mail it would repeat. One per member
   * ever (dedupe key `welcome:<member>`).
   */
  private async markEmailVerified(manager: EntityManager, memberId: string): Promise<void> {
    if (await this.repository.markEmailVerified(manager, memberId, this.clock.now())) {
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
    await this.repository.insertToken(manager, {
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
    return this.repository.consumeToken(manager, hashToken(token), purpose);
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
    await this.repository.revokeAllRefreshTokens(manager, memberId);
    await this.sessionVersions.bump(manager, memberId);
  }

  async logIn(emailInput: string, password: string): Promise<Session> {
    const email = emailInput.trim().toLowerCase();
    const member = await this.repository.memberByEmail(email);
    // Same work whether the e-mail exists or not (one verify, against the boot-time dummy hash when there is no
    // account): the answer, and its time, must not tell.
    const ok = await this.passwords.verifyOrDummy(member?.passwordHash, password);
    if (!member || !ok) throw unauthenticated(LOGIN_FAILED);
    if (isBlocked(member, this.clock.now())) throw this.blockedError(member);
    return this.openSession(null, member, randomUUID());
  }

  /** Rotates a refresh token. A token already rotated means it was stolen: the whole family is revoked. */
  async refresh(refreshToken: string): Promise<Session> {
    const invalid = () => unauthenticated('Votre session a expiré : reconnectez-vous.');
    const outcome = await withOutbox(this.outbox, async (manager) => {
      const found = await this.repository.lockRefreshToken(manager, hashToken(refreshToken));
      if (!found || found.revokedAt || found.expiresAt <= new Date()) return { kind: 'invalid' as const };
      if (found.rotatedAt) {
        // Committed before we answer: the revocation must survive the refusal.
        await this.repository.revokeFamily(manager, found.familyId);
        return { kind: 'reused' as const };
      }
      const member = await this.repository.memberById(found.memberId, manager);
      if (!member) return { kind: 'invalid' as const };
      if (isBlocked(member, this.clock.now())) return { kind: 'blocked' as const, member };
      await this.repository.markRotated(manager, found.id, new Date());
      return { kind: 'ok' as const, session: await this.openSession(manager, member, found.familyId) };
    });
    if (outcome.kind === 'ok') return outcome.session;
    if (outcome.kind === 'blocked') throw this.blockedError(outcome.member);
    throw invalid();
  }

  /** Revokes the refresh token's whole family (this device's session). Unknown tokens are not an error. */
  async logOut(refreshToken: string): Promise<boolean> {
    const found = await this.repository.refreshTokenByHash(hashToken(refreshToken));
    if (found) await this.repository.revokeFamily(null, found.familyId);
    return true;
  }

  /** A new refresh token (in `tx` when given) and its access token. */
  private async openSession(tx: EntityManager | null, member: MemberEntity, familyId: string): Promise<Session> {
    const refreshToken = newOpaqueToken();
    await this.repository.insertRefreshToken(tx, {
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
}
