import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import {
  assertMessageRate,
  badInput,
  cleanMessage,
  DEFAULT_MESSAGE_RATE_LIMIT,
  forbidden,
  isUuid,
  notFound,
  requireMember,
  requireSystem,
  rowLoader,
  type MessageRateLimit,
} from '@metropotes/graphql-kit';
import { withOutbox } from '@metropotes/jobs';
import type DataLoader from 'dataloader';
import type { MembersOutbox } from '../../outbox';
import type { GroupMessageRepository, GroupMessageRow } from './group-message.repository';

export interface GroupMessageModel {
  id: string;
  groupId: string;
  authorId: string | null;
  subject: string;
  body: string;
  sentAt: Date;
  moderationState: 'VISIBLE' | 'HIDDEN';
}

export interface SendGroupMessageInput {
  groupId: string;
  subject: string;
  body: string;
}

const toModel = (row: GroupMessageRow): GroupMessageModel => ({
  id: row.id,
  groupId: row.groupId,
  authorId: row.authorId,
  subject: row.subject,
  body: row.body,
  sentAt: new Date(row.createdAt),
  moderationState: row.moderationState,
});

/**
 * Group messages: written by a group's admins (or staff), e-mailed by the workers (`group-message.sent`, members'
 * outbox, ids only) to the members who receive the group's messages, shown to the group's members. One instance per
 * request.
 */
export class GroupMessageService {
  private readonly byId: DataLoader<string, GroupMessageRow | null>;

  constructor(
    private readonly repository: GroupMessageRepository,
    private readonly viewer: Viewer,
    private readonly outbox: MembersOutbox,
    private readonly clock: Clock,
    private readonly rateLimit: MessageRateLimit = DEFAULT_MESSAGE_RATE_LIMIT,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (row) => row.id,
    );
  }

  /** The viewer's role in the group (null: not a member). */
  private async roleIn(groupId: string): Promise<{ role: string; receivesMessages: boolean } | null> {
    const me = memberIdOf(this.viewer);
    if (!me) return null;
    return (await this.repository.memberships(me, [groupId]))[0] ?? null;
  }

  /** Whether the viewer may read the group's messages: its members and staff, if the group is not hidden (staff: always). */
  private async canRead(groupId: string): Promise<boolean> {
    if (isStaff(this.viewer) && this.viewer.kind === 'member') return true;
    const group = await this.repository.group(groupId);
    if (!group || group.moderationState === 'HIDDEN') return false;
    return (await this.roleIn(groupId)) !== null;
  }

  private get viewerIsStaff(): boolean {
    return this.viewer.kind === 'member' && isStaff(this.viewer);
  }

  async message(id: string): Promise<GroupMessageModel | null> {
    if (!isUuid(id)) return null;
    const row = await this.byId.load(id);
    if (!row) return null;
    if (row.moderationState === 'HIDDEN' && !this.viewerIsStaff) return null;
    return (await this.canRead(row.groupId)) ? toModel(row) : null;
  }

  async latest(groupId: string, first: number | null | undefined): Promise<GroupMessageModel[] | null> {
    if (!(await this.canRead(groupId))) return null;
    const limit = Math.min(Math.max(first ?? 10, 1), 50);
    return (await this.repository.latest(groupId, limit, this.viewerIsStaff)).map(toModel);
  }

  async viewerReceives(groupId: string): Promise<boolean | null> {
    return (await this.roleIn(groupId))?.receivesMessages ?? null;
  }

  /** `authorId`: the active member sending (checked by the caller). */
  async send(authorId: string, input: SendGroupMessageInput): Promise<GroupMessageModel> {
    if (!isUuid(input.groupId)) throw notFound('Ce groupe est introuvable.');
    const group = await this.repository.group(input.groupId);
    if (!group || (group.moderationState === 'HIDDEN' && !this.viewerIsStaff)) throw notFound('Ce groupe est introuvable.');
    const role = (await this.roleIn(group.id))?.role;
    if (role !== 'ADMIN' && !this.viewerIsStaff) {
      throw forbidden("Seul·es les administrateur·rices du groupe et l'équipe d'animation peuvent écrire à ses membres.");
    }
    if (group.moderationState === 'HIDDEN') throw forbidden('Ce groupe est masqué par la modération : il ne peut pas écrire à ses membres.');
    const { subject, body } = cleanMessage(input);
    const now = this.clock.now();
    const saved = await withOutbox(this.outbox, async (manager, jobs) => {
      const sent = await this.repository.lockAndCountSince(manager, group.id, new Date(now.getTime() - this.rateLimit.windowSeconds * 1000));
      assertMessageRate(sent, now, this.rateLimit, 'group');
      const row = await this.repository.insert(manager, { groupId: group.id, authorId, subject, body });
      // The e-mails, asked for in the message's transaction: ids only (the workers read the rest as the system).
      await jobs.add('group-message.sent', { messageId: row.id });
      return row;
    });
    this.byId.prime(saved.id, saved);
    return toModel(saved);
  }

  async setReception(groupId: string, receive: boolean): Promise<void> {
    const me = requireMember(this.viewer);
    if (!isUuid(groupId) || !(await this.repository.setReception(groupId, me, receive))) {
      throw notFound("Vous n'êtes pas membre de ce groupe.");
    }
  }

  // The platform's reads (the workers, system token).

  async systemMessage(id: string) {
    requireSystem(this.viewer);
    if (!isUuid(id)) return null;
    const row = (await this.repository.findByIds([id]))[0];
    if (!row) return null;
    const group = await this.repository.group(row.groupId);
    if (!group) return null;
    return {
      ...toModel(row),
      groupName: group.name,
      authorName: await this.repository.authorName(row.authorId),
      deliverable: row.moderationState === 'VISIBLE' && group.moderationState === 'VISIBLE',
    };
  }

  async systemRecipients(messageId: string, first: number | null | undefined, after: string | null | undefined): Promise<string[]> {
    requireSystem(this.viewer);
    if (after && !isUuid(after)) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    if (!isUuid(messageId)) return [];
    const row = (await this.repository.findByIds([messageId]))[0];
    if (!row) return [];
    return this.repository.recipients(row.groupId, after || null, Math.min(Math.max(first ?? 200, 1), 500));
  }
}
