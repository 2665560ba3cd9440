import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import { isUuid, rowLoader } from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { MemberEntity } from './member.entity';
import { toMemberModel, type MemberModel } from './member.mapper';
import type { MemberRepository } from './member.repository';

/** The rules about who sees which member. One instance per request. */
export class MemberService {
  private readonly byId: DataLoader<string, MemberEntity | null>;
  /** Members this request signed in (sign-up, log-in): they read their own profile in the answer. */
  private readonly selfIds = new Set<string>();

  constructor(
    repository: MemberRepository,
    private readonly viewer: Viewer,
  ) {
    this.byId = rowLoader((ids) => repository.findByIds(ids), (row) => row.id);
  }

  /** A member as the viewer may see them, or null (hidden and missing look the same). */
  async visible(id: string): Promise<MemberModel | null> {
    if (!isUuid(id)) return null;
    const entity = await this.byId.load(id);
    if (!entity || !this.canSee(entity)) return null;
    return toMemberModel(entity);
  }

  async me(): Promise<MemberModel | null> {
    const id = memberIdOf(this.viewer);
    if (!id) return null;
    const entity = await this.byId.load(id);
    return entity && !entity.deletedAt ? toMemberModel(entity) : null;
  }

  /** The member a session was just opened for: they see themselves whatever their visibility. */
  async visibleAsSelf(id: string): Promise<MemberModel> {
    this.byId.clear(id);
    const entity = await this.byId.load(id);
    if (!entity) throw new Error(`member ${id} vanished`);
    this.selfIds.add(id);
    return toMemberModel(entity);
  }

  canSee(entity: MemberEntity): boolean {
    if (entity.deletedAt) return false;
    if (isStaff(this.viewer)) return true;
    if (memberIdOf(this.viewer) === entity.id || this.selfIds.has(entity.id)) return true;
    if (entity.profileVisibility === 'PUBLIC') return true;
    return entity.profileVisibility === 'MEMBERS' && this.viewer.kind === 'member';
  }

  /** E-mail addresses are for the member themselves and staff only. */
  canReadEmail(member: MemberModel): boolean {
    return isStaff(this.viewer) || memberIdOf(this.viewer) === member.id || this.selfIds.has(member.id);
  }
}
