/**
 * Enums more than one subgraph declares (composition wants them identical): the moderated content types and the
 * moderation actions (moderation, and the three services that apply decisions), the member roles (members, and
 * moderation's record of role changes). One definition here, included by each of those subgraphs.
 */
export const MODERATION_ENUMS_SDL = `
enum ContentType {
  MEMBER
  EVENT
  GUIDE_ARTICLE
  WATCH_ITEM
  GROUP
  "A message a group's admins sent to its members (members)."
  GROUP_MESSAGE
  "A message an organizer sent to an event's attendees (events)."
  EVENT_MESSAGE
}

enum ModerationAction {
  "The reports are unfounded: nothing changes."
  DISMISS
  "The content is hidden by the service that owns it."
  HIDE
  "Hidden content is shown again."
  RESTORE
  WARN
  "A member is suspended until suspendedUntil."
  SUSPEND
  BAN
}
`;

export const MEMBER_ROLE_SDL = `
enum MemberRole {
  MEMBER
  "The animation team."
  STAFF
  ADMIN
}
`;

/**
 * The SDL every service that owns moderated content (members, events, guide) includes: the decision applied by
 * the owning service, its input and its answer. One definition, so the three subgraphs always declare exactly the
 * same types. It brings MemberRole (the role of who decided), so members does not include MEMBER_ROLE_SDL again.
 */
export const MODERATION_APPLICATION_SDL = `${MODERATION_ENUMS_SDL}${MEMBER_ROLE_SDL}
"Whether content is shown: HIDDEN by a moderation decision, it is left out for everyone but staff."
enum ModerationState {
  VISIBLE
  HIDDEN
}

"A moderation decision to apply (the workers send it, as the platform)."
input ApplyModerationActionInput {
  targetType: ContentType!
  targetId: ID!
  action: ModerationAction!
  "The decision's id: applying the same decision twice changes nothing the second time."
  decisionId: ID!
  "For SUSPEND: the end of the suspension."
  suspendedUntil: DateTime
  "The decision's reason (shown to a warned member)."
  reason: String
  "When the decision was taken: of HIDE and RESTORE decisions applied out of order, the latest stays in force."
  decidedAt: DateTime
  """
  The role of the staff member who took the decision, when they took it (null: recorded automatically). A WARN,
  SUSPEND or BAN of a STAFF or ADMIN member is applied only when an ADMIN decided it (FORBIDDEN otherwise).
  """
  decidedByRole: MemberRole
}

"A moderation decision as the owning service applied it."
type ModerationApplication @shareable {
  decisionId: ID!
  targetType: ContentType!
  targetId: ID!
  action: ModerationAction!
  "When the decision was first applied (the same on a repeated call)."
  appliedAt: DateTime!
}
`;
