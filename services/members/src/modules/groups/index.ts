// The groups module's public face: what the other modules of the service may use.
import type { EntityManager } from 'typeorm';
import { GroupEntity, GroupMembershipEntity } from './group.entity';
import { promoteAdminsWhereNone } from './group.repository';

export type { GroupEntity } from './group.entity';
export { toGroupModel, type GroupModel } from './group.mapper';

/** A new group with its first admin, in the caller's transaction (outreach turns a prospect association into one). */
export async function createGroupWithAdmin(tx: EntityManager, group: Partial<GroupEntity>, adminId: string): Promise<GroupEntity> {
  const groups = tx.getRepository(GroupEntity);
  const saved = await groups.save(groups.create(group));
  await tx.getRepository(GroupMembershipEntity).insert({ groupId: saved.id, memberId: adminId, role: 'ADMIN' });
  return saved;
}

/**
 * The groups module's part of an account's erasure, in its transaction: the member's memberships go (groups left
 * without an admin get their earliest member as one), and the groups they created lose the link.
 */
export async function eraseMember(tx: EntityManager, memberId: string): Promise<void> {
  const memberships = tx.getRepository(GroupMembershipEntity);
  const groups = (await memberships.findBy({ memberId })).map((m) => m.groupId);
  await memberships.delete({ memberId });
  await promoteAdminsWhereNone(tx, groups);
  await tx.query(`UPDATE members.groups SET created_by = NULL WHERE created_by = $1`, [memberId]);
}

/** The member's groups for their data export (RGPD access). */
export async function exportMember(q: Pick<EntityManager, 'query'>, memberId: string) {
  const groups: { id: string; name: string; role: string; joined_at: Date; receives_messages: boolean }[] = await q.query(
    `SELECT g.id, g.name, gm.role, gm.joined_at, gm.receives_messages FROM members.group_memberships gm
     JOIN members.groups g ON g.id = gm.group_id WHERE gm.member_id = $1 ORDER BY gm.joined_at`,
    [memberId],
  );
  return groups.map((g) => ({ id: g.id, name: g.name, role: g.role, joinedAt: g.joined_at, receivesMessages: g.receives_messages }));
}
