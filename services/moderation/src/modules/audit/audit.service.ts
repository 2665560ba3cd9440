import { ROLES, type MemberRole, type Viewer } from '@metropotes/auth';
import { badInput, decodeCursor, isUuid, pageSize, requireStaff, requireSystem, toConnection } from '@metropotes/graphql-kit';
import { toAuditEntryModel, type AuditEntryModel } from './audit.mapper';
import type { AuditFilter, AuditRepository } from './audit.repository';

function parseCursor(after: string | null | undefined): { at: Date; id: string } | null {
  const cursor = decodeCursor(after, 2);
  if (!cursor) return null;
  const at = new Date(String(cursor[0]));
  if (Number.isNaN(at.getTime()) || !isUuid(cursor[1])) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
  return { at, id: cursor[1] };
}

export interface RecordRoleChangeInput {
  memberId: string;
  actorId?: string | null;
  previousRole: MemberRole;
  role: MemberRole;
  changedAt: Date;
}

/** The moderation log, read by staff. One instance per request. */
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly viewer: Viewer,
  ) {}

  async log(filter: AuditFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    requireStaff(this.viewer);
    const limit = pageSize(first);
    const cursor = parseCursor(after);
    const f: AuditFilter = { ...(filter ?? {}) };
    if (f.actorId && !isUuid(f.actorId)) throw badInput("L'identifiant de la personne n'est pas valide.", 'actorId');
    if (f.from && f.to && f.from.getTime() > f.to.getTime()) throw badInput('La date de début doit précéder la date de fin.', 'from');
    const rows = await this.repository.list(f, cursor, limit);
    return toConnection(
      rows,
      limit,
      (a) => [a.at.toISOString(), a.id],
      toAuditEntryModel,
      () => this.repository.count(f),
    );
  }

  /** System only (the workers' 'audit.role-changed' job): idempotent per member and `changedAt`. */
  async recordRoleChange(input: RecordRoleChangeInput): Promise<AuditEntryModel> {
    requireSystem(this.viewer);
    if (!isUuid(input.memberId)) throw badInput("L'identifiant du membre n'est pas valide.", 'memberId');
    if (input.actorId && !isUuid(input.actorId)) throw badInput("L'identifiant de la personne n'est pas valide.", 'actorId');
    if (!ROLES.includes(input.previousRole) || !ROLES.includes(input.role)) throw badInput("Ce rôle n'existe pas.", 'role');
    if (input.previousRole === input.role) throw badInput('Le rôle doit changer pour être consigné.', 'role');
    const entry = await this.repository.appendRoleChange({
      actorId: input.actorId ?? null,
      memberId: input.memberId,
      reason: `${input.previousRole} → ${input.role}`,
      at: input.changedAt,
    });
    return toAuditEntryModel(entry);
  }
}
