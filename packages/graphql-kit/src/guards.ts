import { isAdmin, isStaff, type Viewer } from '@metropotes/auth';
import { forbidden, unauthenticated } from './errors';

/** The signed-in member's id, or UNAUTHENTICATED. */
export function requireMember(viewer: Viewer): string {
  if (viewer.kind !== 'member') throw unauthenticated();
  return viewer.memberId;
}

export function requireStaff(viewer: Viewer): void {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (!isStaff(viewer)) throw forbidden("Cette action est réservée à l'équipe d'animation.");
}

export function requireAdmin(viewer: Viewer): void {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (!isAdmin(viewer)) throw forbidden('Cette action est réservée aux administrateur·rices.');
}

export function requireSystem(viewer: Viewer): void {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind !== 'system') throw forbidden('Cette opération est réservée à la plateforme.');
}

/** The signed-in member's id when it is `memberId` (their own data: the data export); UNAUTHENTICATED or FORBIDDEN otherwise. */
export function requireSelf(viewer: Viewer, memberId: string): string {
  const own = requireMember(viewer);
  if (own !== memberId) throw forbidden('Seul le membre lui-même peut lire ses données.');
  return own;
}
