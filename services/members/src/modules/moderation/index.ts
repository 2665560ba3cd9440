// The members service's moderation module's public face: what the other modules of the service may use.
import type { EntityManager } from 'typeorm';

/** The erased marker where a column needs a uuid (members.moderation_applications.target_id): the nil UUID. */
export const ERASED_MEMBER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Its part of an account's erasure: the member's warnings go; a decision applied to them keeps its idempotency row,
 * without their id (the erased marker).
 */
export async function eraseMember(tx: EntityManager, memberId: string): Promise<void> {
  await tx.query(`DELETE FROM members.member_warnings WHERE member_id = $1`, [memberId]);
  await tx.query(`UPDATE members.moderation_applications SET target_id = $2 WHERE target_type = 'MEMBER' AND target_id = $1`, [
    memberId,
    ERASED_MEMBER_ID,
  ]);
}

/** Warnings the member received (moderation's part has every sanction with its reason; this is members' copy). */
export async function exportMember(q: Pick<EntityManager, 'query'>, memberId: string) {
  const warnings: { reason: string; created_at: Date }[] = await q.query(
    `SELECT reason, created_at FROM members.member_warnings WHERE member_id = $1 ORDER BY created_at`,
    [memberId],
  );
  return warnings.map((w) => ({ reason: w.reason, createdAt: w.created_at }));
}
