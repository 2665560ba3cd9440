/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AgendaFilter = {
  /** INSEE code of a commune. */
  communeCode?: string | null | undefined;
  /** Events not finished at this time (default: now). */
  from?: string | null | undefined;
  kinds?: Array<EventKind> | null | undefined;
  /** Words searched in title, description and venue (French stemming). */
  search?: string | null | undefined;
  /** Code of a territory (EPT, or 75056 for Paris): events in any of its communes. */
  territoryCode?: string | null | undefined;
  /** Events with at least one of these themes. */
  themes?: Array<Theme> | null | undefined;
  /** Events starting before this time. */
  to?: string | null | undefined;
};

/** A moderation decision to apply (the workers send it, as the platform). */
export type ApplyModerationActionInput = {
  action: ModerationAction;
  /** When the decision was taken: of HIDE and RESTORE decisions applied out of order, the latest stays in force. */
  decidedAt?: string | null | undefined;
  /**
   * The role of the staff member who took the decision, when they took it (null: recorded automatically). A WARN,
   * SUSPEND or BAN of a STAFF or ADMIN member is applied only when an ADMIN decided it (FORBIDDEN otherwise).
   */
  decidedByRole?: MemberRole | null | undefined;
  /** The decision's id: applying the same decision twice changes nothing the second time. */
  decisionId: string | number;
  /** The decision's reason (shown to a warned member). */
  reason?: string | null | undefined;
  /** For SUSPEND: the end of the suspension. */
  suspendedUntil?: string | null | undefined;
  targetId: string | number;
  targetType: ContentType;
};

export type ContentType =
  | 'EVENT'
  /** A message an organizer sent to an event's attendees (events). */
  | 'EVENT_MESSAGE'
  | 'GROUP'
  /** A message a group's admins sent to its members (members). */
  | 'GROUP_MESSAGE'
  | 'GUIDE_ARTICLE'
  | 'MEMBER'
  | 'WATCH_ITEM';

export type DigestFrequency =
  | 'MONTHLY'
  | 'NONE'
  | 'WEEKLY';

export type EventKind =
  | 'ATELIER'
  | 'AUTRE'
  /** A Métrokawa: a public debate with institutions. */
  | 'DEBAT'
  | 'FORMATION'
  | 'MISSION'
  /** The network's monthly get-together. */
  | 'POT_DU_POTE';

export type EventStatus =
  /** Cancelled after publication: still listed, shown as cancelled. */
  | 'CANCELLED'
  /** Only its organizer and staff see it. */
  | 'DRAFT'
  /** Proposed by a member, waiting for staff to publish or reject it. */
  | 'PENDING_REVIEW'
  | 'PUBLISHED'
  /** Refused by staff (see rejectionReason); its organizer may edit it, which proposes it again. */
  | 'REJECTED';

/** One member's first participation, as events computes it. */
export type FirstParticipationInput = {
  /** Null: the member has not come (or not any more). */
  firstParticipationAt?: string | null | undefined;
  memberId: string | number;
};

export type GuideArticleStatus =
  | 'ARCHIVED'
  | 'DRAFT'
  | 'IN_REVIEW'
  | 'PUBLISHED';

/** One entry of a feed, as the feed poller read it. */
export type IngestWatchItemInput = {
  publishedAt?: string | null | undefined;
  summary?: string | null | undefined;
  themes?: Array<Theme> | null | undefined;
  title: string;
  url: string;
};

/** The e-mails whose link carries a single-use token, by the kind of row the token is derived from. */
export type MailSecretKind =
  /** The password-reset link: an account token. */
  | 'PASSWORD_RESET'
  /** The sign-up and do-not-contact links of a prospect's invitation: an invitation. */
  | 'PROSPECT_INVITATION'
  /** The address verification link: an account token. */
  | 'VERIFY_EMAIL';

export type MemberRole =
  | 'ADMIN'
  | 'MEMBER'
  /** The animation team. */
  | 'STAFF';

export type ModerationAction =
  | 'BAN'
  /** The reports are unfounded: nothing changes. */
  | 'DISMISS'
  /** The content is hidden by the service that owns it. */
  | 'HIDE'
  /** Hidden content is shown again. */
  | 'RESTORE'
  /** A member is suspended until suspendedUntil. */
  | 'SUSPEND'
  | 'WARN';

/** Whether content is shown: HIDDEN by a moderation decision, it is left out for everyone but staff. */
export type ModerationState =
  | 'HIDDEN'
  | 'VISIBLE';

export type ProfileVisibility =
  /** Signed-in members. */
  | 'MEMBERS'
  /** Anyone, signed in or not. */
  | 'PUBLIC'
  /** Only the animation team. */
  | 'STAFF';

/** A role change made in members, recorded by the workers. */
export type RecordRoleChangeInput = {
  /** The admin who changed it (null: the platform). */
  actorId?: string | number | null | undefined;
  /** When members changed it: the entry's `at`, and with `memberId` what makes the entry unique. */
  changedAt: string;
  memberId: string | number;
  previousRole: MemberRole;
  role: MemberRole;
};

export type RegistrationStatus =
  | 'CANCELLED'
  | 'CONFIRMED'
  /** The event is full: confirmed automatically, in order, when a place frees up. */
  | 'WAITLISTED';

/** A scale of public action, from the quartier to the région. */
export type Scale =
  /** Commune */
  | 'COMMUNE'
  /** Département */
  | 'DEPARTEMENT'
  /** Métropole du Grand Paris */
  | 'METROPOLE'
  /** Quartier */
  | 'QUARTIER'
  /** Région Île-de-France */
  | 'REGION'
  /** Territoire (EPT) */
  | 'TERRITOIRE';

/** A theme of the network's shared taxonomy. */
export type Theme =
  /** Alimentation */
  | 'ALIMENTATION'
  /** Budget participatif */
  | 'BUDGET_PARTICIPATIF'
  /** Culture */
  | 'CULTURE'
  /** Démocratie locale */
  | 'DEMOCRATIE_LOCALE'
  /** Éducation et jeunesse */
  | 'EDUCATION'
  /** Emploi et insertion */
  | 'EMPLOI'
  /** Environnement et climat */
  | 'ENVIRONNEMENT'
  /** Espace public et cadre de vie */
  | 'ESPACE_PUBLIC'
  /** Logement */
  | 'LOGEMENT'
  /** Numérique */
  | 'NUMERIQUE'
  /** Santé */
  | 'SANTE'
  /** Tranquillité publique */
  | 'SECURITE'
  /** Solidarité */
  | 'SOLIDARITE'
  /** Sport */
  | 'SPORT'
  /** Transports et mobilités */
  | 'TRANSPORTS'
  /** Urbanisme et aménagement */
  | 'URBANISME';

export type WorkerDigestMemberFieldsFragment = { memberId: string, email: string, displayName: string, followedCommuneCodes: Array<string>, followedTerritoryCodes: Array<string>, followedThemes: Array<Theme>, followedScales: Array<Scale>, digestFrequency: DigestFrequency, groups: Array<{ groupId: string, name: string, newMembers: Array<{ memberId: string, displayName: string, joinedAt: string }> }>, upcomingRegistrations: Array<{ eventId: string, title: string, startsAt: string, status: RegistrationStatus, venueName: string | null, onlineUrl: string | null }> };

export type WorkerDigestMembersQueryVariables = Exact<{
  frequency: DigestFrequency;
  first?: number | null | undefined;
  after?: string | number | null | undefined;
  since: string;
  now: string;
  horizon: string;
}>;


export type WorkerDigestMembersQuery = { systemDigestMembers: Array<{ memberId: string, email: string, displayName: string, followedCommuneCodes: Array<string>, followedTerritoryCodes: Array<string>, followedThemes: Array<Theme>, followedScales: Array<Scale>, digestFrequency: DigestFrequency, groups: Array<{ groupId: string, name: string, newMembers: Array<{ memberId: string, displayName: string, joinedAt: string }> }>, upcomingRegistrations: Array<{ eventId: string, title: string, startsAt: string, status: RegistrationStatus, venueName: string | null, onlineUrl: string | null }> }> };

export type WorkerDigestMemberQueryVariables = Exact<{
  memberId: string | number;
  since: string;
  now: string;
  horizon: string;
}>;


export type WorkerDigestMemberQuery = { systemDigestMember: { memberId: string, email: string, displayName: string, followedCommuneCodes: Array<string>, followedTerritoryCodes: Array<string>, followedThemes: Array<Theme>, followedScales: Array<Scale>, digestFrequency: DigestFrequency, groups: Array<{ groupId: string, name: string, newMembers: Array<{ memberId: string, displayName: string, joinedAt: string }> }>, upcomingRegistrations: Array<{ eventId: string, title: string, startsAt: string, status: RegistrationStatus, venueName: string | null, onlineUrl: string | null }> } | null };

export type WorkerDigestWatchQueryVariables = Exact<{
  since: string;
  after?: string | null | undefined;
}>;


export type WorkerDigestWatchQuery = { watchItems: { edges: Array<{ node: { id: string, title: string, url: string, summary: string, selectedAt: string | null, themes: Array<Theme>, communes: Array<{ code: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WorkerDigestAgendaQueryVariables = Exact<{
  from: string;
  to: string;
  after?: string | null | undefined;
}>;


export type WorkerDigestAgendaQuery = { agenda: { edges: Array<{ node: { id: string, title: string, status: EventStatus, startsAt: string, themes: Array<Theme>, onlineUrl: string | null, venue: { name: string, commune: { code: string } } | null, group: { id: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WorkerDigestFichesQueryVariables = Exact<{
  since: string;
  after?: string | null | undefined;
}>;


export type WorkerDigestFichesQuery = { guideArticles: { edges: Array<{ node: { id: string, slug: string, title: string, summary: string, themes: Array<Theme>, scales: Array<Scale>, updatedAt: string, publishedAt: string | null, communes: Array<{ code: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WorkerDigestNewcomersQueryVariables = Exact<{
  since: string;
  after?: string | number | null | undefined;
}>;


export type WorkerDigestNewcomersQuery = { systemNewcomers: Array<{ memberId: string, displayName: string, communeCode: string | null, joinedAt: string }> };

export type WorkerWatchSourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkerWatchSourcesQuery = { watchSources: Array<{ id: string, name: string, feedUrl: string }> };

export type WorkerIngestMutationVariables = Exact<{
  sourceId: string | number;
  items: Array<IngestWatchItemInput> | IngestWatchItemInput;
  error?: string | null | undefined;
}>;


export type WorkerIngestMutation = { ingestWatchItems: { skipped: number, created: Array<{ id: string }> } };

export type WorkerMembersForMailQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type WorkerMembersForMailQuery = { systemMembersForMail: Array<{ memberId: string, email: string, displayName: string, eventReminders: boolean, welcomeFollowUp: boolean }> };

export type WorkerDecisionToApplyQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkerDecisionToApplyQuery = { decisionToApply: { id: string, targetType: ContentType, targetId: string, action: ModerationAction, reason: string, suspendedUntil: string | null, createdAt: string, appliedAt: string | null, moderatorRole: MemberRole | null } | null };

export type WorkerMarkDecisionAppliedMutationVariables = Exact<{
  id: string | number;
}>;


export type WorkerMarkDecisionAppliedMutation = { markDecisionApplied: { id: string, appliedAt: string | null } };

export type WorkerApplyMemberModerationActionMutationVariables = Exact<{
  input: ApplyModerationActionInput;
}>;


export type WorkerApplyMemberModerationActionMutation = { applyMemberModerationAction: { decisionId: string, appliedAt: string } };

export type WorkerApplyEventModerationActionMutationVariables = Exact<{
  input: ApplyModerationActionInput;
}>;


export type WorkerApplyEventModerationActionMutation = { applyEventModerationAction: { decisionId: string, appliedAt: string } };

export type WorkerApplyGuideModerationActionMutationVariables = Exact<{
  input: ApplyModerationActionInput;
}>;


export type WorkerApplyGuideModerationActionMutation = { applyGuideModerationAction: { decisionId: string, appliedAt: string } };

export type WorkerRecordRoleChangeMutationVariables = Exact<{
  input: RecordRoleChangeInput;
}>;


export type WorkerRecordRoleChangeMutation = { recordRoleChange: { id: string } };

export type WorkerEventStateFragment = { startsAt: string, endsAt: string, venueName: string | null, venueAddress: string | null, communeCode: string | null, onlineUrl: string | null };

export type WorkerChangeNoticeQueryVariables = Exact<{
  eventId: string | number;
}>;


export type WorkerChangeNoticeQuery = { systemEventChangeNotice: { noticeId: string, eventId: string, title: string, public: boolean, dueAt: string, calendarSequence: number, memberIds: Array<string>, before: { startsAt: string, endsAt: string, venueName: string | null, venueAddress: string | null, communeCode: string | null, onlineUrl: string | null }, after: { startsAt: string, endsAt: string, venueName: string | null, venueAddress: string | null, communeCode: string | null, onlineUrl: string | null } } | null };

export type WorkerDueChangeNoticesQueryVariables = Exact<{
  dueBefore: string;
}>;


export type WorkerDueChangeNoticesQuery = { systemDueEventChangeNotices: Array<string> };

export type WorkerCloseChangeNoticeMutationVariables = Exact<{
  noticeId: string | number;
  sent: boolean;
}>;


export type WorkerCloseChangeNoticeMutation = { closeEventChangeNotice: boolean };

export type WorkerEventFieldsFragment = { id: string, title: string, status: EventStatus, startsAt: string, endsAt: string, calendarSequence: number, cancellationReason: string | null, onlineUrl: string | null, venue: { name: string, address: string | null, commune: { code: string } } | null };

export type WorkerCancelledEventQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type WorkerCancelledEventQuery = { event: { id: string, title: string, status: EventStatus, startsAt: string, endsAt: string, calendarSequence: number, cancellationReason: string | null, onlineUrl: string | null, attendees: { edges: Array<{ node: { member: { id: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null, venue: { name: string, address: string | null, commune: { code: string } } | null } | null };

export type WorkerEventQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkerEventQuery = { event: { moderationState: ModerationState | null, id: string, title: string, status: EventStatus, startsAt: string, endsAt: string, calendarSequence: number, cancellationReason: string | null, onlineUrl: string | null, venue: { name: string, address: string | null, commune: { code: string } } | null } | null };

export type WorkerPromotedRegistrationQueryVariables = Exact<{
  id: string | number;
  from: string;
  before: string;
  memberId: string | number;
}>;


export type WorkerPromotedRegistrationQuery = { systemConfirmedRegistrations: Array<{ registrationId: string }> };

export type WorkerExtendEventSeriesMutationVariables = Exact<{ [key: string]: never; }>;


export type WorkerExtendEventSeriesMutation = { extendEventSeries: number };

export type WorkerEraseFromEventsMutationVariables = Exact<{
  memberId: string | number;
}>;


export type WorkerEraseFromEventsMutation = { eraseMemberFromEvents: boolean };

export type WorkerEraseFromGuideMutationVariables = Exact<{
  memberId: string | number;
}>;


export type WorkerEraseFromGuideMutation = { eraseMemberFromGuide: boolean };

export type WorkerEraseFromModerationMutationVariables = Exact<{
  memberId: string | number;
}>;


export type WorkerEraseFromModerationMutation = { eraseMemberFromModeration: boolean };

export type WorkerGroupMessageQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkerGroupMessageQuery = { systemGroupMessage: { id: string, groupId: string, groupName: string, subject: string, body: string, authorName: string | null, deliverable: boolean } | null };

export type WorkerGroupMessageRecipientsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | number | null | undefined;
}>;


export type WorkerGroupMessageRecipientsQuery = { systemGroupMessageRecipients: Array<string> };

export type WorkerEventMessageQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkerEventMessageQuery = { systemEventMessage: { id: string, eventId: string, eventTitle: string, subject: string, body: string, deliverable: boolean } | null };

export type WorkerEventMessageRecipientsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | number | null | undefined;
}>;


export type WorkerEventMessageRecipientsQuery = { systemEventMessageRecipients: Array<string> };

export type WorkerDecisionNoticeQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkerDecisionNoticeQuery = { decisionNotice: { decision: { id: string, action: ModerationAction, reason: string, targetType: ContentType, targetId: string, suspendedUntil: string | null, automatic: boolean }, reportersToNotify: Array<{ reporterId: string, reportedAt: string }> } | null };

export type WorkerFirstParticipationsQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type WorkerFirstParticipationsQuery = { systemFirstParticipations: Array<{ memberId: string, firstParticipationAt: string | null }> };

export type WorkerRecordFirstParticipationsMutationVariables = Exact<{
  entries: Array<FirstParticipationInput> | FirstParticipationInput;
}>;


export type WorkerRecordFirstParticipationsMutation = { recordFirstParticipations: number };

export type WorkerNewcomersToNudgeQueryVariables = Exact<{
  after: string;
  before: string;
  first?: number | null | undefined;
  cursor?: string | number | null | undefined;
}>;


export type WorkerNewcomersToNudgeQuery = { systemNewcomersToNudge: Array<{ memberId: string, joinedAt: string, communeCode: string | null, buddyId: string | null, profileVisibility: ProfileVisibility, buddyProfileVisibility: ProfileVisibility | null }> };

export type WorkerRecordNewcomerNudgesMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
  at: string;
}>;


export type WorkerRecordNewcomerNudgesMutation = { recordNewcomerNudges: number };

export type WorkerReviewedEventQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkerReviewedEventQuery = { systemReviewedEvent: { id: string, title: string, status: EventStatus, organizerId: string | null, rejectionReason: string | null } | null };

export type WorkerReviewedGuideArticleQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkerReviewedGuideArticleQuery = { systemReviewedGuideArticle: { id: string, slug: string, title: string, status: GuideArticleStatus, authorIds: Array<string>, reviewNote: string | null } | null };

export type WorkerDueRegistrationsQueryVariables = Exact<{
  from: string;
  before: string;
  eventId?: string | number | null | undefined;
  memberIds?: Array<string | number> | string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WorkerDueRegistrationsQuery = { systemConfirmedRegistrations: Array<{ registrationId: string, eventId: string, memberId: string, title: string, startsAt: string, endsAt: string, venueName: string | null, venueAddress: string | null, communeCode: string | null, onlineUrl: string | null, reminderOffsetsHours: Array<number>, calendarSequence: number, remindersEnabled: boolean, cursor: string }> };

export type WorkerStaffWaitingQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkerStaffWaitingQuery = { eventsToReview: { totalCount: number }, eventRevisionsToReview: { totalCount: number }, systemGuideWaiting: { fichesToReview: number, watchItemsToCurate: number }, moderationQueue: { totalCount: number }, newcomers: { totalCount: number }, systemStaffDigestRecipients: Array<{ memberId: string }> };

export type WorkerMailSecretQueryVariables = Exact<{
  kind: MailSecretKind;
  id: string | number;
}>;


export type WorkerMailSecretQuery = { systemMailSecret: string | null };

export type WorkerWelcomeMemberFieldsFragment = { id: string, commune: { code: string, name: string } | null, buddy: { id: string, displayName: string, profileVisibility: ProfileVisibility } | null };

export type WorkerMailContactFieldsFragment = { memberId: string, email: string, displayName: string, eventReminders: boolean, welcomeFollowUp: boolean };

export type WorkerNextEventsQueryVariables = Exact<{
  filter: AgendaFilter;
}>;


export type WorkerNextEventsQuery = { agenda: { edges: Array<{ node: { id: string, title: string, status: EventStatus, startsAt: string, onlineUrl: string | null, venue: { name: string, address: string | null, commune: { code: string } } | null } }> } };

export type WorkerProspectForMailQueryVariables = Exact<{
  id: string | number;
  invitationId?: string | number | null | undefined;
}>;


export type WorkerProspectForMailQuery = { prospectForMail: { address: string, name: string, message: string | null } | null };

export type WorkerMinimiseProspectsMutationVariables = Exact<{
  now?: string | null | undefined;
}>;


export type WorkerMinimiseProspectsMutation = { minimiseInactiveProspects: { erased: number } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const WorkerDigestMemberFieldsFragmentDoc = new TypedDocumentString(`
    fragment WorkerDigestMemberFields on SystemDigestMember {
  memberId
  email
  displayName
  followedCommuneCodes
  followedTerritoryCodes
  followedThemes
  followedScales
  digestFrequency
  groups(joinedSince: $since) {
    groupId
    name
    newMembers {
      memberId
      displayName
      joinedAt
    }
  }
  upcomingRegistrations(from: $now, before: $horizon) {
    eventId
    title
    startsAt
    status
    venueName
    onlineUrl
  }
}
    `, {"fragmentName":"WorkerDigestMemberFields"}) as unknown as TypedDocumentString<WorkerDigestMemberFieldsFragment, unknown>;
export const WorkerEventStateFragmentDoc = new TypedDocumentString(`
    fragment WorkerEventState on SystemEventState {
  startsAt
  endsAt
  venueName
  venueAddress
  communeCode
  onlineUrl
}
    `, {"fragmentName":"WorkerEventState"}) as unknown as TypedDocumentString<WorkerEventStateFragment, unknown>;
export const WorkerEventFieldsFragmentDoc = new TypedDocumentString(`
    fragment WorkerEventFields on Event {
  id
  title
  status
  startsAt
  endsAt
  calendarSequence
  cancellationReason
  onlineUrl
  venue {
    name
    address
    commune {
      code
    }
  }
}
    `, {"fragmentName":"WorkerEventFields"}) as unknown as TypedDocumentString<WorkerEventFieldsFragment, unknown>;
export const WorkerWelcomeMemberFieldsFragmentDoc = new TypedDocumentString(`
    fragment WorkerWelcomeMemberFields on Member {
  id
  commune {
    code
    name
  }
  buddy {
    id
    displayName
    profileVisibility
  }
}
    `, {"fragmentName":"WorkerWelcomeMemberFields"}) as unknown as TypedDocumentString<WorkerWelcomeMemberFieldsFragment, unknown>;
export const WorkerMailContactFieldsFragmentDoc = new TypedDocumentString(`
    fragment WorkerMailContactFields on SystemMemberForMail {
  memberId
  email
  displayName
  eventReminders
  welcomeFollowUp
}
    `, {"fragmentName":"WorkerMailContactFields"}) as unknown as TypedDocumentString<WorkerMailContactFieldsFragment, unknown>;
export const WorkerDigestMembersDocument = new TypedDocumentString(`
    query WorkerDigestMembers($frequency: DigestFrequency!, $first: Int, $after: ID, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {
  systemDigestMembers(frequency: $frequency, first: $first, after: $after) {
    ...WorkerDigestMemberFields
  }
}
    fragment WorkerDigestMemberFields on SystemDigestMember {
  memberId
  email
  displayName
  followedCommuneCodes
  followedTerritoryCodes
  followedThemes
  followedScales
  digestFrequency
  groups(joinedSince: $since) {
    groupId
    name
    newMembers {
      memberId
      displayName
      joinedAt
    }
  }
  upcomingRegistrations(from: $now, before: $horizon) {
    eventId
    title
    startsAt
    status
    venueName
    onlineUrl
  }
}`) as unknown as TypedDocumentString<WorkerDigestMembersQuery, WorkerDigestMembersQueryVariables>;
export const WorkerDigestMemberDocument = new TypedDocumentString(`
    query WorkerDigestMember($memberId: ID!, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {
  systemDigestMember(memberId: $memberId) {
    ...WorkerDigestMemberFields
  }
}
    fragment WorkerDigestMemberFields on SystemDigestMember {
  memberId
  email
  displayName
  followedCommuneCodes
  followedTerritoryCodes
  followedThemes
  followedScales
  digestFrequency
  groups(joinedSince: $since) {
    groupId
    name
    newMembers {
      memberId
      displayName
      joinedAt
    }
  }
  upcomingRegistrations(from: $now, before: $horizon) {
    eventId
    title
    startsAt
    status
    venueName
    onlineUrl
  }
}`) as unknown as TypedDocumentString<WorkerDigestMemberQuery, WorkerDigestMemberQueryVariables>;
export const WorkerDigestWatchDocument = new TypedDocumentString(`
    query WorkerDigestWatch($since: DateTime!, $after: String) {
  watchItems(filter: {selectedSince: $since}, first: 100, after: $after) {
    edges {
      node {
        id
        title
        url
        summary
        selectedAt
        communes {
          code
        }
        themes
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WorkerDigestWatchQuery, WorkerDigestWatchQueryVariables>;
export const WorkerDigestAgendaDocument = new TypedDocumentString(`
    query WorkerDigestAgenda($from: DateTime!, $to: DateTime!, $after: String) {
  agenda(filter: {from: $from, to: $to}, first: 100, after: $after) {
    edges {
      node {
        id
        title
        status
        startsAt
        themes
        venue {
          name
          commune {
            code
          }
        }
        onlineUrl
        group {
          id
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WorkerDigestAgendaQuery, WorkerDigestAgendaQueryVariables>;
export const WorkerDigestFichesDocument = new TypedDocumentString(`
    query WorkerDigestFiches($since: DateTime!, $after: String) {
  guideArticles(
    filter: {status: PUBLISHED, updatedSince: $since}
    first: 100
    after: $after
  ) {
    edges {
      node {
        id
        slug
        title
        summary
        themes
        scales
        communes {
          code
        }
        updatedAt
        publishedAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WorkerDigestFichesQuery, WorkerDigestFichesQueryVariables>;
export const WorkerDigestNewcomersDocument = new TypedDocumentString(`
    query WorkerDigestNewcomers($since: DateTime!, $after: ID) {
  systemNewcomers(since: $since, first: 500, after: $after) {
    memberId
    displayName
    communeCode
    joinedAt
  }
}
    `) as unknown as TypedDocumentString<WorkerDigestNewcomersQuery, WorkerDigestNewcomersQueryVariables>;
export const WorkerWatchSourcesDocument = new TypedDocumentString(`
    query WorkerWatchSources {
  watchSources(active: true) {
    id
    name
    feedUrl
  }
}
    `) as unknown as TypedDocumentString<WorkerWatchSourcesQuery, WorkerWatchSourcesQueryVariables>;
export const WorkerIngestDocument = new TypedDocumentString(`
    mutation WorkerIngest($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {
  ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) {
    created {
      id
    }
    skipped
  }
}
    `) as unknown as TypedDocumentString<WorkerIngestMutation, WorkerIngestMutationVariables>;
export const WorkerMembersForMailDocument = new TypedDocumentString(`
    query WorkerMembersForMail($ids: [ID!]!) {
  systemMembersForMail(memberIds: $ids) {
    memberId
    email
    displayName
    eventReminders
    welcomeFollowUp
  }
}
    `) as unknown as TypedDocumentString<WorkerMembersForMailQuery, WorkerMembersForMailQueryVariables>;
export const WorkerDecisionToApplyDocument = new TypedDocumentString(`
    query WorkerDecisionToApply($id: ID!) {
  decisionToApply(id: $id) {
    id
    targetType
    targetId
    action
    reason
    suspendedUntil
    createdAt
    appliedAt
    moderatorRole
  }
}
    `) as unknown as TypedDocumentString<WorkerDecisionToApplyQuery, WorkerDecisionToApplyQueryVariables>;
export const WorkerMarkDecisionAppliedDocument = new TypedDocumentString(`
    mutation WorkerMarkDecisionApplied($id: ID!) {
  markDecisionApplied(id: $id) {
    id
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<WorkerMarkDecisionAppliedMutation, WorkerMarkDecisionAppliedMutationVariables>;
export const WorkerApplyMemberModerationActionDocument = new TypedDocumentString(`
    mutation WorkerApplyMemberModerationAction($input: ApplyModerationActionInput!) {
  applyMemberModerationAction(input: $input) {
    decisionId
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<WorkerApplyMemberModerationActionMutation, WorkerApplyMemberModerationActionMutationVariables>;
export const WorkerApplyEventModerationActionDocument = new TypedDocumentString(`
    mutation WorkerApplyEventModerationAction($input: ApplyModerationActionInput!) {
  applyEventModerationAction(input: $input) {
    decisionId
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<WorkerApplyEventModerationActionMutation, WorkerApplyEventModerationActionMutationVariables>;
export const WorkerApplyGuideModerationActionDocument = new TypedDocumentString(`
    mutation WorkerApplyGuideModerationAction($input: ApplyModerationActionInput!) {
  applyGuideModerationAction(input: $input) {
    decisionId
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<WorkerApplyGuideModerationActionMutation, WorkerApplyGuideModerationActionMutationVariables>;
export const WorkerRecordRoleChangeDocument = new TypedDocumentString(`
    mutation WorkerRecordRoleChange($input: RecordRoleChangeInput!) {
  recordRoleChange(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<WorkerRecordRoleChangeMutation, WorkerRecordRoleChangeMutationVariables>;
export const WorkerChangeNoticeDocument = new TypedDocumentString(`
    query WorkerChangeNotice($eventId: ID!) {
  systemEventChangeNotice(eventId: $eventId) {
    noticeId
    eventId
    title
    public
    dueAt
    before {
      ...WorkerEventState
    }
    after {
      ...WorkerEventState
    }
    calendarSequence
    memberIds
  }
}
    fragment WorkerEventState on SystemEventState {
  startsAt
  endsAt
  venueName
  venueAddress
  communeCode
  onlineUrl
}`) as unknown as TypedDocumentString<WorkerChangeNoticeQuery, WorkerChangeNoticeQueryVariables>;
export const WorkerDueChangeNoticesDocument = new TypedDocumentString(`
    query WorkerDueChangeNotices($dueBefore: DateTime!) {
  systemDueEventChangeNotices(dueBefore: $dueBefore)
}
    `) as unknown as TypedDocumentString<WorkerDueChangeNoticesQuery, WorkerDueChangeNoticesQueryVariables>;
export const WorkerCloseChangeNoticeDocument = new TypedDocumentString(`
    mutation WorkerCloseChangeNotice($noticeId: ID!, $sent: Boolean!) {
  closeEventChangeNotice(noticeId: $noticeId, sent: $sent)
}
    `) as unknown as TypedDocumentString<WorkerCloseChangeNoticeMutation, WorkerCloseChangeNoticeMutationVariables>;
export const WorkerCancelledEventDocument = new TypedDocumentString(`
    query WorkerCancelledEvent($id: ID!, $after: String) {
  event(id: $id) {
    ...WorkerEventFields
    attendees(first: 100, after: $after) {
      edges {
        node {
          member {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment WorkerEventFields on Event {
  id
  title
  status
  startsAt
  endsAt
  calendarSequence
  cancellationReason
  onlineUrl
  venue {
    name
    address
    commune {
      code
    }
  }
}`) as unknown as TypedDocumentString<WorkerCancelledEventQuery, WorkerCancelledEventQueryVariables>;
export const WorkerEventDocument = new TypedDocumentString(`
    query WorkerEvent($id: ID!) {
  event(id: $id) {
    ...WorkerEventFields
    moderationState
  }
}
    fragment WorkerEventFields on Event {
  id
  title
  status
  startsAt
  endsAt
  calendarSequence
  cancellationReason
  onlineUrl
  venue {
    name
    address
    commune {
      code
    }
  }
}`) as unknown as TypedDocumentString<WorkerEventQuery, WorkerEventQueryVariables>;
export const WorkerPromotedRegistrationDocument = new TypedDocumentString(`
    query WorkerPromotedRegistration($id: ID!, $from: DateTime!, $before: DateTime!, $memberId: ID!) {
  systemConfirmedRegistrations(
    startsFrom: $from
    startsBefore: $before
    eventId: $id
    memberIds: [$memberId]
  ) {
    registrationId
  }
}
    `) as unknown as TypedDocumentString<WorkerPromotedRegistrationQuery, WorkerPromotedRegistrationQueryVariables>;
export const WorkerExtendEventSeriesDocument = new TypedDocumentString(`
    mutation WorkerExtendEventSeries {
  extendEventSeries
}
    `) as unknown as TypedDocumentString<WorkerExtendEventSeriesMutation, WorkerExtendEventSeriesMutationVariables>;
export const WorkerEraseFromEventsDocument = new TypedDocumentString(`
    mutation WorkerEraseFromEvents($memberId: ID!) {
  eraseMemberFromEvents(memberId: $memberId)
}
    `) as unknown as TypedDocumentString<WorkerEraseFromEventsMutation, WorkerEraseFromEventsMutationVariables>;
export const WorkerEraseFromGuideDocument = new TypedDocumentString(`
    mutation WorkerEraseFromGuide($memberId: ID!) {
  eraseMemberFromGuide(memberId: $memberId)
}
    `) as unknown as TypedDocumentString<WorkerEraseFromGuideMutation, WorkerEraseFromGuideMutationVariables>;
export const WorkerEraseFromModerationDocument = new TypedDocumentString(`
    mutation WorkerEraseFromModeration($memberId: ID!) {
  eraseMemberFromModeration(memberId: $memberId)
}
    `) as unknown as TypedDocumentString<WorkerEraseFromModerationMutation, WorkerEraseFromModerationMutationVariables>;
export const WorkerGroupMessageDocument = new TypedDocumentString(`
    query WorkerGroupMessage($id: ID!) {
  systemGroupMessage(id: $id) {
    id
    groupId
    groupName
    subject
    body
    authorName
    deliverable
  }
}
    `) as unknown as TypedDocumentString<WorkerGroupMessageQuery, WorkerGroupMessageQueryVariables>;
export const WorkerGroupMessageRecipientsDocument = new TypedDocumentString(`
    query WorkerGroupMessageRecipients($id: ID!, $first: Int, $after: ID) {
  systemGroupMessageRecipients(messageId: $id, first: $first, after: $after)
}
    `) as unknown as TypedDocumentString<WorkerGroupMessageRecipientsQuery, WorkerGroupMessageRecipientsQueryVariables>;
export const WorkerEventMessageDocument = new TypedDocumentString(`
    query WorkerEventMessage($id: ID!) {
  systemEventMessage(id: $id) {
    id
    eventId
    eventTitle
    subject
    body
    deliverable
  }
}
    `) as unknown as TypedDocumentString<WorkerEventMessageQuery, WorkerEventMessageQueryVariables>;
export const WorkerEventMessageRecipientsDocument = new TypedDocumentString(`
    query WorkerEventMessageRecipients($id: ID!, $first: Int, $after: ID) {
  systemEventMessageRecipients(messageId: $id, first: $first, after: $after)
}
    `) as unknown as TypedDocumentString<WorkerEventMessageRecipientsQuery, WorkerEventMessageRecipientsQueryVariables>;
export const WorkerDecisionNoticeDocument = new TypedDocumentString(`
    query WorkerDecisionNotice($id: ID!) {
  decisionNotice(id: $id) {
    decision {
      id
      action
      reason
      targetType
      targetId
      suspendedUntil
      automatic
    }
    reportersToNotify {
      reporterId
      reportedAt
    }
  }
}
    `) as unknown as TypedDocumentString<WorkerDecisionNoticeQuery, WorkerDecisionNoticeQueryVariables>;
export const WorkerFirstParticipationsDocument = new TypedDocumentString(`
    query WorkerFirstParticipations($ids: [ID!]!) {
  systemFirstParticipations(memberIds: $ids) {
    memberId
    firstParticipationAt
  }
}
    `) as unknown as TypedDocumentString<WorkerFirstParticipationsQuery, WorkerFirstParticipationsQueryVariables>;
export const WorkerRecordFirstParticipationsDocument = new TypedDocumentString(`
    mutation WorkerRecordFirstParticipations($entries: [FirstParticipationInput!]!) {
  recordFirstParticipations(entries: $entries)
}
    `) as unknown as TypedDocumentString<WorkerRecordFirstParticipationsMutation, WorkerRecordFirstParticipationsMutationVariables>;
export const WorkerNewcomersToNudgeDocument = new TypedDocumentString(`
    query WorkerNewcomersToNudge($after: DateTime!, $before: DateTime!, $first: Int, $cursor: ID) {
  systemNewcomersToNudge(
    joinedAfter: $after
    joinedBefore: $before
    first: $first
    after: $cursor
  ) {
    memberId
    joinedAt
    communeCode
    buddyId
    profileVisibility
    buddyProfileVisibility
  }
}
    `) as unknown as TypedDocumentString<WorkerNewcomersToNudgeQuery, WorkerNewcomersToNudgeQueryVariables>;
export const WorkerRecordNewcomerNudgesDocument = new TypedDocumentString(`
    mutation WorkerRecordNewcomerNudges($ids: [ID!]!, $at: DateTime!) {
  recordNewcomerNudges(memberIds: $ids, nudgedAt: $at)
}
    `) as unknown as TypedDocumentString<WorkerRecordNewcomerNudgesMutation, WorkerRecordNewcomerNudgesMutationVariables>;
export const WorkerReviewedEventDocument = new TypedDocumentString(`
    query WorkerReviewedEvent($id: ID!) {
  systemReviewedEvent(id: $id) {
    id
    title
    status
    organizerId
    rejectionReason
  }
}
    `) as unknown as TypedDocumentString<WorkerReviewedEventQuery, WorkerReviewedEventQueryVariables>;
export const WorkerReviewedGuideArticleDocument = new TypedDocumentString(`
    query WorkerReviewedGuideArticle($id: ID!) {
  systemReviewedGuideArticle(id: $id) {
    id
    slug
    title
    status
    authorIds
    reviewNote
  }
}
    `) as unknown as TypedDocumentString<WorkerReviewedGuideArticleQuery, WorkerReviewedGuideArticleQueryVariables>;
export const WorkerDueRegistrationsDocument = new TypedDocumentString(`
    query WorkerDueRegistrations($from: DateTime!, $before: DateTime!, $eventId: ID, $memberIds: [ID!], $first: Int, $after: String) {
  systemConfirmedRegistrations(
    startsFrom: $from
    startsBefore: $before
    eventId: $eventId
    memberIds: $memberIds
    first: $first
    after: $after
  ) {
    registrationId
    eventId
    memberId
    title
    startsAt
    endsAt
    venueName
    venueAddress
    communeCode
    onlineUrl
    reminderOffsetsHours
    calendarSequence
    remindersEnabled
    cursor
  }
}
    `) as unknown as TypedDocumentString<WorkerDueRegistrationsQuery, WorkerDueRegistrationsQueryVariables>;
export const WorkerStaffWaitingDocument = new TypedDocumentString(`
    query WorkerStaffWaiting {
  eventsToReview(first: 1) {
    totalCount
  }
  eventRevisionsToReview(first: 1) {
    totalCount
  }
  systemGuideWaiting {
    fichesToReview
    watchItemsToCurate
  }
  moderationQueue(filter: {status: OPEN}, first: 1) {
    totalCount
  }
  newcomers(first: 1) {
    totalCount
  }
  systemStaffDigestRecipients {
    memberId
  }
}
    `) as unknown as TypedDocumentString<WorkerStaffWaitingQuery, WorkerStaffWaitingQueryVariables>;
export const WorkerMailSecretDocument = new TypedDocumentString(`
    query WorkerMailSecret($kind: MailSecretKind!, $id: ID!) {
  systemMailSecret(kind: $kind, id: $id)
}
    `) as unknown as TypedDocumentString<WorkerMailSecretQuery, WorkerMailSecretQueryVariables>;
export const WorkerNextEventsDocument = new TypedDocumentString(`
    query WorkerNextEvents($filter: AgendaFilter!) {
  agenda(filter: $filter, first: 10) {
    edges {
      node {
        id
        title
        status
        startsAt
        onlineUrl
        venue {
          name
          address
          commune {
            code
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WorkerNextEventsQuery, WorkerNextEventsQueryVariables>;
export const WorkerProspectForMailDocument = new TypedDocumentString(`
    query WorkerProspectForMail($id: ID!, $invitationId: ID) {
  prospectForMail(id: $id, invitationId: $invitationId) {
    address
    name
    message
  }
}
    `) as unknown as TypedDocumentString<WorkerProspectForMailQuery, WorkerProspectForMailQueryVariables>;
export const WorkerMinimiseProspectsDocument = new TypedDocumentString(`
    mutation WorkerMinimiseProspects($now: DateTime) {
  minimiseInactiveProspects(now: $now) {
    erased
  }
}
    `) as unknown as TypedDocumentString<WorkerMinimiseProspectsMutation, WorkerMinimiseProspectsMutationVariables>;