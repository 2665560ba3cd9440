/**
 * The SDL every service that owns moderated content (members, events, guide) includes: the decision applied by
 * the owning service, its input and its answer. One definition, so the three subgraphs always declare exactly the
 * same types (the moderation subgraph declares ContentType and ModerationAction identically for its own API).
 */
export const MODERATION_APPLICATION_SDL = `
enum ContentType {
  MEMBER
  EVENT
  GUIDE_ARTICLE
  WATCH_ITEM
  GROUP
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
