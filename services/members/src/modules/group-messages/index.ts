// The group messages module's public face: what the other modules of the service may use.
import type { EntityManager } from 'typeorm';

/** Its part of an account's erasure: the messages they wrote to a group stay (its members got them), without their author. */
export async function eraseMember(tx: EntityManager, memberId: string): Promise<void> {
  await tx.query(`UPDATE members.group_messages SET author_id = NULL WHERE author_id = $1`, [memberId]);
}

/** Messages the member wrote to their groups' members (group admins), for their data export. */
export async function exportMember(q: Pick<EntityManager, 'query'>, memberId: string) {
  const messages: { id: string; group_id: string; subject: string; body: string; moderation_state: string; created_at: Date }[] = await q.query(
    `SELECT id, group_id, subject, body, moderation_state, created_at FROM members.group_messages WHERE author_id = $1 ORDER BY created_at, id`,
    [memberId],
  );
  return messages.map((m) => ({
    id: m.id,
    groupId: m.group_id,
    subject: m.subject,
    body: m.body,
    moderationState: m.moderation_state,
    createdAt: m.created_at,
  }));
}
