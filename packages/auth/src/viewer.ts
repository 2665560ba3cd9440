export const ROLES = ['MEMBER', 'STAFF', 'ADMIN'] as const;
export type MemberRole = (typeof ROLES)[number];

/**
 * Who is asking. Built the same way in every subgraph from the verified access token.
 * `system` is the workers acting for the platform (applying moderation decisions, composing digests).
 */
export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'member';
      memberId: string;
      role: MemberRole;
      /** The token's `sv` claim: the member's session version when it was issued (absent: 0). */
      sessionVersion?: number;
    }
  | { kind: 'system' };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export const isStaff = (viewer: Viewer): boolean =>
  viewer.kind === 'system' || (viewer.kind === 'member' && (viewer.role === 'STAFF' || viewer.role === 'ADMIN'));

/**
 * Sees content the public may not — drafts, proposals pending review, refused or archived content, content hidden by
 * moderation — on the content queries (agenda, event, guide, veille): staff and admins, as people. Not the system:
 * what the workers read of content goes to members by e-mail (digests, reminders, event e-mails), so content queries
 * answer the system what they answer the public. The system keeps staff's authority elsewhere (`isStaff`).
 */
export const seesNonPublicContent = (viewer: Viewer): boolean => viewer.kind === 'member' && (viewer.role === 'STAFF' || viewer.role === 'ADMIN');

export const isAdmin = (viewer: Viewer): boolean => viewer.kind === 'system' || (viewer.kind === 'member' && viewer.role === 'ADMIN');

export const memberIdOf = (viewer: Viewer): string | null => (viewer.kind === 'member' ? viewer.memberId : null);
