// The members module's public face (profiles, the member's row, sessions' versions and sanctions): what the other
// modules of the service may use. Its repository and entity stay inside, but for the entity other modules' SQL
// reads the member's row through (accounts: the address and the password).
import { foldName } from '@metropotes/territories';
import type { EntityManager } from 'typeorm';
import { MemberEntity } from './member.entity';
import { ERASED_DISPLAY_NAME } from './member.mapper';

export { MemberEntity, type ProfileVisibility } from './member.entity';
export { ERASED_DISPLAY_NAME, type MemberModel } from './member.mapper';
export { assertWebUrl, type MemberService } from './member.service';
export { sanctionError } from './sanction-error';
export { SessionVersions } from './session-versions';

/**
 * The members module's part of an account's erasure, in its transaction: the member's row keeps its id and what the
 * network counts (role, dates) and loses everything personal; others' rows that name them (buddy, welcomed by) lose
 * the link. `at`: the clock's instant of the erasure (deleted_at, updated_at).
 */
export async function eraseMember(tx: EntityManager, memberId: string, at: Date): Promise<void> {
  const members = tx.getRepository(MemberEntity);
  await members.update(
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
      deletedAt: at,
      updatedAt: at,
    },
  );
  await members.update({ buddyId: memberId }, { buddyId: null });
  await tx.query(`UPDATE members.members SET welcomed_by = NULL WHERE welcomed_by = $1`, [memberId]);
}
