import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import { badInput, conflict, groupLoader, isUuid, requireSystem } from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { ApplyModerationActionInput } from '@metropotes/database';
import type {
  MemberModerationRepository,
  MemberWarningRow,
  ModerationAction,
  ModerationApplicationRow,
} from './moderation.repository';
import type { SessionVersions } from '../accounts/session-versions';

const MEMBER_ACTIONS: ModerationAction[] = ['HIDE', 'RESTORE', 'WARN', 'SUSPEND', 'BAN'];
const GROUP_ACTIONS: ModerationAction[] = ['HIDE', 'RESTORE'];

/** Applies moderation decisions to members and groups; shows warnings. One instance per request. */
export class MemberModerationService {
  private readonly warningsByMember: DataLoader<string, MemberWarningRow[]>;

  constructor(
    private readonly repository: MemberModerationRepository,
    private readonly viewer: Viewer,
    private readonly sessionVersions: SessionVersions,
  ) {
    this.warningsByMember = groupLoader((ids) => repository.warningsOf(ids), (row) => row.memberId);
  }

  /** A member's warnings: for the member themselves and staff (null for anyone else). */
  async warnings(memberId: string): Promise<MemberWarningRow[] | null> {
    if (!isStaff(this.viewer) && memberIdOf(this.viewer) !== memberId) return null;
    return this.warningsByMember.load(memberId);
  }

  /**
   * Idempotent per decision: the first call records the decision and applies it in one transaction; a repeated
   * call changes nothing and answers the first application. A target that no longer exists is recorded as
   * applied (nothing left to do), so the workers stop retrying.
   */
  async apply(input: ApplyModerationActionInput): Promise<ModerationApplicationRow> {
    requireSystem(this.viewer);
    if (!isUuid(input.decisionId)) throw badInput("L'identifiant de la décision est invalide.", 'decisionId');
    if (!isUuid(input.targetId)) throw badInput("L'identifiant du contenu est invalide.", 'targetId');
    if (input.targetType === 'MEMBER') {
      if (!MEMBER_ACTIONS.includes(input.action)) throw badInput("Cette décision ne s'applique pas à un membre.", 'action');
    } else if (input.targetType === 'GROUP') {
      if (!GROUP_ACTIONS.includes(input.action)) throw badInput('Seules les décisions de masquage et de rétablissement concernent un groupe.', 'action');
    } else {
      throw badInput("Ce service n'applique les décisions qu'aux membres et aux groupes.", 'targetType');
    }
    if (input.action === 'SUSPEND' && !input.suspendedUntil) {
      throw badInput('Indiquez la fin de la suspension.', 'suspendedUntil');
    }
    const reason = input.reason?.trim() || 'Avertissement de l’équipe de modération.';
    return this.repository.transaction(async (manager) => {
      const row = { decisionId: input.decisionId, targetType: input.targetType, targetId: input.targetId, action: input.action };
      const recorded = await this.repository.record(manager, row, input.decidedAt ?? null);
      if (!recorded) {
        const existing = (await this.repository.find(manager, input.decisionId))!;
        if (existing.targetId !== input.targetId || existing.action !== input.action) {
          throw conflict('Cette décision a déjà été appliquée à un autre contenu ou avec une autre action.');
        }
        return existing;
      }
      if (input.targetType === 'GROUP') {
        await this.repository.setGroupState(manager, input.targetId, await this.repository.stateInForce(manager, 'GROUP', input.targetId));
        return recorded;
      }
      if (!(await this.repository.lockMember(manager, input.targetId))) return recorded;
      switch (input.action) {
        case 'HIDE':
        case 'RESTORE':
          await this.repository.setMemberState(manager, input.targetId, await this.repository.stateInForce(manager, 'MEMBER', input.targetId));
          break;
        case 'WARN':
          await this.repository.warn(manager, input.targetId, input.decisionId, reason);
          break;
        // The member's access tokens stop working at once: the session version goes up and is published to
        // Redis before commit (if Redis refuses, nothing is applied and the workers retry the job).
        case 'SUSPEND':
          await this.repository.suspend(manager, input.targetId, input.suspendedUntil!);
          await this.repository.revokeSessions(manager, input.targetId);
          await this.sessionVersions.bump(manager, input.targetId);
          break;
        case 'BAN':
          await this.repository.ban(manager, input.targetId);
          await this.repository.revokeSessions(manager, input.targetId);
          await this.sessionVersions.bump(manager, input.targetId);
          break;
        default:
          break;
      }
      return recorded;
    });
  }
}
