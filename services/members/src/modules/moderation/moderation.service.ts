import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import { badInput, forbidden, groupLoader } from '@metropotes/graphql-kit';
import { applyModerationDecision, type ApplyModerationActionInput } from '@metropotes/moderation-kit';
import type DataLoader from 'dataloader';
import type { MemberModerationRepository, MemberWarningRow, ModerationAction, ModerationApplicationRow } from './moderation.repository';
import type { SessionVersions } from '../members';

const MEMBER_ACTIONS: ModerationAction[] = ['HIDE', 'RESTORE', 'WARN', 'SUSPEND', 'BAN'];
const GROUP_ACTIONS: ModerationAction[] = ['HIDE', 'RESTORE'];
/** Sanctions: of a STAFF or ADMIN member, an ADMIN alone decides them. */
const SANCTIONS: ModerationAction[] = ['WARN', 'SUSPEND', 'BAN'];
export const STAFF_SANCTION_FORBIDDEN =
  "Seul·e un·e administrateur·rice peut avertir, suspendre ou exclure un membre de l'équipe d'animation ou un·e administrateur·rice.";

/** Applies moderation decisions to members and groups; shows warnings. One instance per request. */
export class MemberModerationService {
  private readonly warningsByMember: DataLoader<string, MemberWarningRow[]>;

  constructor(
    private readonly repository: MemberModerationRepository,
    private readonly viewer: Viewer,
    private readonly sessionVersions: SessionVersions,
  ) {
    this.warningsByMember = groupLoader(
      (ids) => repository.warningsOf(ids),
      (row) => row.memberId,
    );
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
    const repository = this.repository;
    return applyModerationDecision(this.viewer, input, {
      targets: {
        MEMBER: { actions: MEMBER_ACTIONS, wrongAction: "Cette décision ne s'applique pas à un membre." },
        GROUP: { actions: GROUP_ACTIONS, wrongAction: 'Seules les décisions de masquage et de rétablissement concernent un groupe.' },
        GROUP_MESSAGE: {
          actions: GROUP_ACTIONS,
          wrongAction: 'Seules les décisions de masquage et de rétablissement concernent un message de groupe.',
        },
      },
      wrongTarget: "Ce service n'applique les décisions qu'aux membres, aux groupes et à leurs messages.",
      check: (decision) => {
        if (decision.action === 'SUSPEND' && !decision.suspendedUntil) {
          throw badInput('Indiquez la fin de la suspension.', 'suspendedUntil');
        }
      },
      repository,
      applyToTarget: async (manager, decision) => {
        if (decision.targetType === 'GROUP_MESSAGE') {
          await repository.setGroupMessageState(
            manager,
            decision.targetId,
            await repository.stateInForce(manager, 'GROUP_MESSAGE', decision.targetId),
          );
          return;
        }
        if (decision.targetType === 'GROUP') {
          await repository.setGroupState(manager, decision.targetId, await repository.stateInForce(manager, 'GROUP', decision.targetId));
          return;
        }
        const target = await repository.lockMember(manager, decision.targetId);
        if (!target) return;
        // Staff cannot sanction staff or admins (moderation refuses such a decision too): the decider's role travels
        // with the decision. Refused here, the transaction rolls back and nothing is recorded.
        if (SANCTIONS.includes(decision.action) && target.role !== 'MEMBER' && decision.decidedByRole !== 'ADMIN') {
          throw forbidden(STAFF_SANCTION_FORBIDDEN);
        }
        switch (decision.action) {
          case 'HIDE':
          case 'RESTORE':
            await repository.setMemberState(manager, decision.targetId, await repository.stateInForce(manager, 'MEMBER', decision.targetId));
            break;
          case 'WARN':
            await repository.warn(
              manager,
              decision.targetId,
              decision.decisionId,
              decision.reason?.trim() || 'Avertissement de l’équipe de modération.',
            );
            break;
          // The member's access tokens stop working at once: the session version goes up and is published to
          // Redis before commit (if Redis refuses, nothing is applied and the workers retry the job).
          case 'SUSPEND':
            await repository.suspend(manager, decision.targetId, decision.suspendedUntil!);
            await repository.revokeSessions(manager, decision.targetId);
            await this.sessionVersions.bump(manager, decision.targetId);
            break;
          case 'BAN':
            await repository.ban(manager, decision.targetId);
            await repository.revokeSessions(manager, decision.targetId);
            await this.sessionVersions.bump(manager, decision.targetId);
            break;
          default:
            break;
        }
      },
    });
  }
}
