/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment WorkerDigestMemberFields on SystemDigestMember {\n  memberId email displayName followedCommuneCodes followedTerritoryCodes followedThemes followedScales digestFrequency\n  groups(joinedSince: $since) { groupId name newMembers { memberId displayName joinedAt } }\n  upcomingRegistrations(from: $now, before: $horizon) { eventId title startsAt status venueName onlineUrl }\n}": typeof types.WorkerDigestMemberFieldsFragmentDoc,
    "query WorkerDigestMembers($frequency: DigestFrequency!, $first: Int, $after: ID, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n  systemDigestMembers(frequency: $frequency, first: $first, after: $after) { ...WorkerDigestMemberFields }\n}": typeof types.WorkerDigestMembersDocument,
    "query WorkerDigestMember($memberId: ID!, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n  systemDigestMember(memberId: $memberId) { ...WorkerDigestMemberFields }\n}": typeof types.WorkerDigestMemberDocument,
    "query WorkerDigestWatch($since: DateTime!, $after: String) {\n  watchItems(filter: { selectedSince: $since }, first: 100, after: $after) {\n    edges { node { id title url summary selectedAt communes { code } themes } } pageInfo { hasNextPage endCursor }\n  }\n}": typeof types.WorkerDigestWatchDocument,
    "query WorkerDigestAgenda($from: DateTime!, $to: DateTime!, $after: String) {\n  agenda(filter: { from: $from, to: $to }, first: 100, after: $after) {\n    edges { node { id title status startsAt themes venue { name commune { code } } onlineUrl group { id } } } pageInfo { hasNextPage endCursor }\n  }\n}": typeof types.WorkerDigestAgendaDocument,
    "query WorkerDigestFiches($since: DateTime!, $after: String) {\n  guideArticles(filter: { status: PUBLISHED, updatedSince: $since }, first: 100, after: $after) {\n    edges { node { id slug title summary themes scales communes { code } updatedAt publishedAt } } pageInfo { hasNextPage endCursor }\n  }\n}": typeof types.WorkerDigestFichesDocument,
    "query WorkerDigestNewcomers($since: DateTime!, $after: ID) {\n  systemNewcomers(since: $since, first: 500, after: $after) { memberId displayName communeCode joinedAt }\n}": typeof types.WorkerDigestNewcomersDocument,
    "query WorkerWatchSources { watchSources(active: true) { id name feedUrl } }": typeof types.WorkerWatchSourcesDocument,
    "mutation WorkerIngest($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {\n  ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) { created { id } skipped }\n}": typeof types.WorkerIngestDocument,
    "query WorkerMembersForMail($ids: [ID!]!) { systemMembersForMail(memberIds: $ids) { memberId email displayName eventReminders welcomeFollowUp } }": typeof types.WorkerMembersForMailDocument,
    "query WorkerDecisionToApply($id: ID!) {\n  decisionToApply(id: $id) { id targetType targetId action reason suspendedUntil createdAt appliedAt moderatorRole }\n}": typeof types.WorkerDecisionToApplyDocument,
    "mutation WorkerMarkDecisionApplied($id: ID!) { markDecisionApplied(id: $id) { id appliedAt } }": typeof types.WorkerMarkDecisionAppliedDocument,
    "mutation WorkerApplyMemberModerationAction($input: ApplyModerationActionInput!) {\n  applyMemberModerationAction(input: $input) { decisionId appliedAt }\n}": typeof types.WorkerApplyMemberModerationActionDocument,
    "mutation WorkerApplyEventModerationAction($input: ApplyModerationActionInput!) {\n  applyEventModerationAction(input: $input) { decisionId appliedAt }\n}": typeof types.WorkerApplyEventModerationActionDocument,
    "mutation WorkerApplyGuideModerationAction($input: ApplyModerationActionInput!) {\n  applyGuideModerationAction(input: $input) { decisionId appliedAt }\n}": typeof types.WorkerApplyGuideModerationActionDocument,
    "mutation WorkerRecordRoleChange($input: RecordRoleChangeInput!) {\n  recordRoleChange(input: $input) { id }\n}": typeof types.WorkerRecordRoleChangeDocument,
    "fragment WorkerEventState on SystemEventState { startsAt endsAt venueName venueAddress communeCode onlineUrl }": typeof types.WorkerEventStateFragmentDoc,
    "query WorkerChangeNotice($eventId: ID!) {\n  systemEventChangeNotice(eventId: $eventId) { noticeId eventId title public dueAt before { ...WorkerEventState } after { ...WorkerEventState } calendarSequence memberIds }\n}": typeof types.WorkerChangeNoticeDocument,
    "query WorkerDueChangeNotices($dueBefore: DateTime!) { systemDueEventChangeNotices(dueBefore: $dueBefore) }": typeof types.WorkerDueChangeNoticesDocument,
    "mutation WorkerCloseChangeNotice($noticeId: ID!, $sent: Boolean!) { closeEventChangeNotice(noticeId: $noticeId, sent: $sent) }": typeof types.WorkerCloseChangeNoticeDocument,
    "fragment WorkerEventFields on Event { id title status startsAt endsAt calendarSequence cancellationReason onlineUrl venue { name address commune { code } } }": typeof types.WorkerEventFieldsFragmentDoc,
    "query WorkerCancelledEvent($id: ID!, $after: String) {\n  event(id: $id) {\n    ...WorkerEventFields\n    attendees(first: 100, after: $after) { edges { node { member { id } } } pageInfo { hasNextPage endCursor } }\n  }\n}": typeof types.WorkerCancelledEventDocument,
    "query WorkerEvent($id: ID!) { event(id: $id) { ...WorkerEventFields moderationState } }": typeof types.WorkerEventDocument,
    "query WorkerPromotedRegistration($id: ID!, $from: DateTime!, $before: DateTime!, $memberId: ID!) {\n  systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $id, memberIds: [$memberId]) { registrationId }\n}": typeof types.WorkerPromotedRegistrationDocument,
    "mutation WorkerExtendEventSeries { extendEventSeries }": typeof types.WorkerExtendEventSeriesDocument,
    "mutation WorkerEraseFromEvents($memberId: ID!) { eraseMemberFromEvents(memberId: $memberId) }": typeof types.WorkerEraseFromEventsDocument,
    "mutation WorkerEraseFromGuide($memberId: ID!) { eraseMemberFromGuide(memberId: $memberId) }": typeof types.WorkerEraseFromGuideDocument,
    "mutation WorkerEraseFromModeration($memberId: ID!) { eraseMemberFromModeration(memberId: $memberId) }": typeof types.WorkerEraseFromModerationDocument,
    "query WorkerGroupMessage($id: ID!) {\n  systemGroupMessage(id: $id) { id groupId groupName subject body authorName deliverable }\n}": typeof types.WorkerGroupMessageDocument,
    "query WorkerGroupMessageRecipients($id: ID!, $first: Int, $after: ID) {\n  systemGroupMessageRecipients(messageId: $id, first: $first, after: $after)\n}": typeof types.WorkerGroupMessageRecipientsDocument,
    "query WorkerEventMessage($id: ID!) {\n  systemEventMessage(id: $id) { id eventId eventTitle subject body deliverable }\n}": typeof types.WorkerEventMessageDocument,
    "query WorkerEventMessageRecipients($id: ID!, $first: Int, $after: ID) {\n  systemEventMessageRecipients(messageId: $id, first: $first, after: $after)\n}": typeof types.WorkerEventMessageRecipientsDocument,
    "query WorkerDecisionNotice($id: ID!) {\n  decisionNotice(id: $id) {\n    decision { id action reason targetType targetId suspendedUntil automatic }\n    reportersToNotify { reporterId reportedAt }\n  }\n}": typeof types.WorkerDecisionNoticeDocument,
    "query WorkerFirstParticipations($ids: [ID!]!) {\n  systemFirstParticipations(memberIds: $ids) { memberId firstParticipationAt }\n}": typeof types.WorkerFirstParticipationsDocument,
    "mutation WorkerRecordFirstParticipations($entries: [FirstParticipationInput!]!) {\n  recordFirstParticipations(entries: $entries)\n}": typeof types.WorkerRecordFirstParticipationsDocument,
    "query WorkerNewcomersToNudge($after: DateTime!, $before: DateTime!, $first: Int, $cursor: ID) {\n  systemNewcomersToNudge(joinedAfter: $after, joinedBefore: $before, first: $first, after: $cursor) {\n    memberId joinedAt communeCode buddyId profileVisibility buddyProfileVisibility\n  }\n}": typeof types.WorkerNewcomersToNudgeDocument,
    "mutation WorkerRecordNewcomerNudges($ids: [ID!]!, $at: DateTime!) { recordNewcomerNudges(memberIds: $ids, nudgedAt: $at) }": typeof types.WorkerRecordNewcomerNudgesDocument,
    "query WorkerReviewedEvent($id: ID!) {\n  systemReviewedEvent(id: $id) { id title status organizerId rejectionReason }\n}": typeof types.WorkerReviewedEventDocument,
    "query WorkerReviewedGuideArticle($id: ID!) {\n  systemReviewedGuideArticle(id: $id) { id slug title status authorIds reviewNote }\n}": typeof types.WorkerReviewedGuideArticleDocument,
    "query WorkerDueRegistrations($from: DateTime!, $before: DateTime!, $eventId: ID, $memberIds: [ID!], $first: Int, $after: String) {\n  systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $eventId, memberIds: $memberIds, first: $first, after: $after) {\n    registrationId eventId memberId title startsAt endsAt venueName venueAddress communeCode onlineUrl reminderOffsetsHours calendarSequence remindersEnabled cursor\n  }\n}": typeof types.WorkerDueRegistrationsDocument,
    "query WorkerStaffWaiting {\n  eventsToReview(first: 1) { totalCount }\n  eventRevisionsToReview(first: 1) { totalCount }\n  systemGuideWaiting { fichesToReview watchItemsToCurate }\n  moderationQueue(filter: { status: OPEN }, first: 1) { totalCount }\n  newcomers(first: 1) { totalCount }\n  systemStaffDigestRecipients { memberId }\n}": typeof types.WorkerStaffWaitingDocument,
    "query WorkerMailSecret($kind: MailSecretKind!, $id: ID!) { systemMailSecret(kind: $kind, id: $id) }": typeof types.WorkerMailSecretDocument,
    "query WorkerWelcomeMember($id: ID!) {\n  member(id: $id) { id commune { code name } buddy { id displayName profileVisibility } }\n}": typeof types.WorkerWelcomeMemberDocument,
    "query WorkerNextEvents($filter: AgendaFilter!) {\n  agenda(filter: $filter, first: 10) {\n    edges { node { id title status startsAt onlineUrl venue { name address commune { name inMetropole } } } }\n  }\n}": typeof types.WorkerNextEventsDocument,
    "query WorkerProspectForMail($id: ID!, $invitationId: ID) {\n  prospectForMail(id: $id, invitationId: $invitationId) { address name message }\n}": typeof types.WorkerProspectForMailDocument,
    "mutation WorkerMinimiseProspects($now: DateTime) { minimiseInactiveProspects(now: $now) { erased } }": typeof types.WorkerMinimiseProspectsDocument,
};
const documents: Documents = {
    "fragment WorkerDigestMemberFields on SystemDigestMember {\n  memberId email displayName followedCommuneCodes followedTerritoryCodes followedThemes followedScales digestFrequency\n  groups(joinedSince: $since) { groupId name newMembers { memberId displayName joinedAt } }\n  upcomingRegistrations(from: $now, before: $horizon) { eventId title startsAt status venueName onlineUrl }\n}": types.WorkerDigestMemberFieldsFragmentDoc,
    "query WorkerDigestMembers($frequency: DigestFrequency!, $first: Int, $after: ID, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n  systemDigestMembers(frequency: $frequency, first: $first, after: $after) { ...WorkerDigestMemberFields }\n}": types.WorkerDigestMembersDocument,
    "query WorkerDigestMember($memberId: ID!, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n  systemDigestMember(memberId: $memberId) { ...WorkerDigestMemberFields }\n}": types.WorkerDigestMemberDocument,
    "query WorkerDigestWatch($since: DateTime!, $after: String) {\n  watchItems(filter: { selectedSince: $since }, first: 100, after: $after) {\n    edges { node { id title url summary selectedAt communes { code } themes } } pageInfo { hasNextPage endCursor }\n  }\n}": types.WorkerDigestWatchDocument,
    "query WorkerDigestAgenda($from: DateTime!, $to: DateTime!, $after: String) {\n  agenda(filter: { from: $from, to: $to }, first: 100, after: $after) {\n    edges { node { id title status startsAt themes venue { name commune { code } } onlineUrl group { id } } } pageInfo { hasNextPage endCursor }\n  }\n}": types.WorkerDigestAgendaDocument,
    "query WorkerDigestFiches($since: DateTime!, $after: String) {\n  guideArticles(filter: { status: PUBLISHED, updatedSince: $since }, first: 100, after: $after) {\n    edges { node { id slug title summary themes scales communes { code } updatedAt publishedAt } } pageInfo { hasNextPage endCursor }\n  }\n}": types.WorkerDigestFichesDocument,
    "query WorkerDigestNewcomers($since: DateTime!, $after: ID) {\n  systemNewcomers(since: $since, first: 500, after: $after) { memberId displayName communeCode joinedAt }\n}": types.WorkerDigestNewcomersDocument,
    "query WorkerWatchSources { watchSources(active: true) { id name feedUrl } }": types.WorkerWatchSourcesDocument,
    "mutation WorkerIngest($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {\n  ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) { created { id } skipped }\n}": types.WorkerIngestDocument,
    "query WorkerMembersForMail($ids: [ID!]!) { systemMembersForMail(memberIds: $ids) { memberId email displayName eventReminders welcomeFollowUp } }": types.WorkerMembersForMailDocument,
    "query WorkerDecisionToApply($id: ID!) {\n  decisionToApply(id: $id) { id targetType targetId action reason suspendedUntil createdAt appliedAt moderatorRole }\n}": types.WorkerDecisionToApplyDocument,
    "mutation WorkerMarkDecisionApplied($id: ID!) { markDecisionApplied(id: $id) { id appliedAt } }": types.WorkerMarkDecisionAppliedDocument,
    "mutation WorkerApplyMemberModerationAction($input: ApplyModerationActionInput!) {\n  applyMemberModerationAction(input: $input) { decisionId appliedAt }\n}": types.WorkerApplyMemberModerationActionDocument,
    "mutation WorkerApplyEventModerationAction($input: ApplyModerationActionInput!) {\n  applyEventModerationAction(input: $input) { decisionId appliedAt }\n}": types.WorkerApplyEventModerationActionDocument,
    "mutation WorkerApplyGuideModerationAction($input: ApplyModerationActionInput!) {\n  applyGuideModerationAction(input: $input) { decisionId appliedAt }\n}": types.WorkerApplyGuideModerationActionDocument,
    "mutation WorkerRecordRoleChange($input: RecordRoleChangeInput!) {\n  recordRoleChange(input: $input) { id }\n}": types.WorkerRecordRoleChangeDocument,
    "fragment WorkerEventState on SystemEventState { startsAt endsAt venueName venueAddress communeCode onlineUrl }": types.WorkerEventStateFragmentDoc,
    "query WorkerChangeNotice($eventId: ID!) {\n  systemEventChangeNotice(eventId: $eventId) { noticeId eventId title public dueAt before { ...WorkerEventState } after { ...WorkerEventState } calendarSequence memberIds }\n}": types.WorkerChangeNoticeDocument,
    "query WorkerDueChangeNotices($dueBefore: DateTime!) { systemDueEventChangeNotices(dueBefore: $dueBefore) }": types.WorkerDueChangeNoticesDocument,
    "mutation WorkerCloseChangeNotice($noticeId: ID!, $sent: Boolean!) { closeEventChangeNotice(noticeId: $noticeId, sent: $sent) }": types.WorkerCloseChangeNoticeDocument,
    "fragment WorkerEventFields on Event { id title status startsAt endsAt calendarSequence cancellationReason onlineUrl venue { name address commune { code } } }": types.WorkerEventFieldsFragmentDoc,
    "query WorkerCancelledEvent($id: ID!, $after: String) {\n  event(id: $id) {\n    ...WorkerEventFields\n    attendees(first: 100, after: $after) { edges { node { member { id } } } pageInfo { hasNextPage endCursor } }\n  }\n}": types.WorkerCancelledEventDocument,
    "query WorkerEvent($id: ID!) { event(id: $id) { ...WorkerEventFields moderationState } }": types.WorkerEventDocument,
    "query WorkerPromotedRegistration($id: ID!, $from: DateTime!, $before: DateTime!, $memberId: ID!) {\n  systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $id, memberIds: [$memberId]) { registrationId }\n}": types.WorkerPromotedRegistrationDocument,
    "mutation WorkerExtendEventSeries { extendEventSeries }": types.WorkerExtendEventSeriesDocument,
    "mutation WorkerEraseFromEvents($memberId: ID!) { eraseMemberFromEvents(memberId: $memberId) }": types.WorkerEraseFromEventsDocument,
    "mutation WorkerEraseFromGuide($memberId: ID!) { eraseMemberFromGuide(memberId: $memberId) }": types.WorkerEraseFromGuideDocument,
    "mutation WorkerEraseFromModeration($memberId: ID!) { eraseMemberFromModeration(memberId: $memberId) }": types.WorkerEraseFromModerationDocument,
    "query WorkerGroupMessage($id: ID!) {\n  systemGroupMessage(id: $id) { id groupId groupName subject body authorName deliverable }\n}": types.WorkerGroupMessageDocument,
    "query WorkerGroupMessageRecipients($id: ID!, $first: Int, $after: ID) {\n  systemGroupMessageRecipients(messageId: $id, first: $first, after: $after)\n}": types.WorkerGroupMessageRecipientsDocument,
    "query WorkerEventMessage($id: ID!) {\n  systemEventMessage(id: $id) { id eventId eventTitle subject body deliverable }\n}": types.WorkerEventMessageDocument,
    "query WorkerEventMessageRecipients($id: ID!, $first: Int, $after: ID) {\n  systemEventMessageRecipients(messageId: $id, first: $first, after: $after)\n}": types.WorkerEventMessageRecipientsDocument,
    "query WorkerDecisionNotice($id: ID!) {\n  decisionNotice(id: $id) {\n    decision { id action reason targetType targetId suspendedUntil automatic }\n    reportersToNotify { reporterId reportedAt }\n  }\n}": types.WorkerDecisionNoticeDocument,
    "query WorkerFirstParticipations($ids: [ID!]!) {\n  systemFirstParticipations(memberIds: $ids) { memberId firstParticipationAt }\n}": types.WorkerFirstParticipationsDocument,
    "mutation WorkerRecordFirstParticipations($entries: [FirstParticipationInput!]!) {\n  recordFirstParticipations(entries: $entries)\n}": types.WorkerRecordFirstParticipationsDocument,
    "query WorkerNewcomersToNudge($after: DateTime!, $before: DateTime!, $first: Int, $cursor: ID) {\n  systemNewcomersToNudge(joinedAfter: $after, joinedBefore: $before, first: $first, after: $cursor) {\n    memberId joinedAt communeCode buddyId profileVisibility buddyProfileVisibility\n  }\n}": types.WorkerNewcomersToNudgeDocument,
    "mutation WorkerRecordNewcomerNudges($ids: [ID!]!, $at: DateTime!) { recordNewcomerNudges(memberIds: $ids, nudgedAt: $at) }": types.WorkerRecordNewcomerNudgesDocument,
    "query WorkerReviewedEvent($id: ID!) {\n  systemReviewedEvent(id: $id) { id title status organizerId rejectionReason }\n}": types.WorkerReviewedEventDocument,
    "query WorkerReviewedGuideArticle($id: ID!) {\n  systemReviewedGuideArticle(id: $id) { id slug title status authorIds reviewNote }\n}": types.WorkerReviewedGuideArticleDocument,
    "query WorkerDueRegistrations($from: DateTime!, $before: DateTime!, $eventId: ID, $memberIds: [ID!], $first: Int, $after: String) {\n  systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $eventId, memberIds: $memberIds, first: $first, after: $after) {\n    registrationId eventId memberId title startsAt endsAt venueName venueAddress communeCode onlineUrl reminderOffsetsHours calendarSequence remindersEnabled cursor\n  }\n}": types.WorkerDueRegistrationsDocument,
    "query WorkerStaffWaiting {\n  eventsToReview(first: 1) { totalCount }\n  eventRevisionsToReview(first: 1) { totalCount }\n  systemGuideWaiting { fichesToReview watchItemsToCurate }\n  moderationQueue(filter: { status: OPEN }, first: 1) { totalCount }\n  newcomers(first: 1) { totalCount }\n  systemStaffDigestRecipients { memberId }\n}": types.WorkerStaffWaitingDocument,
    "query WorkerMailSecret($kind: MailSecretKind!, $id: ID!) { systemMailSecret(kind: $kind, id: $id) }": types.WorkerMailSecretDocument,
    "query WorkerWelcomeMember($id: ID!) {\n  member(id: $id) { id commune { code name } buddy { id displayName profileVisibility } }\n}": types.WorkerWelcomeMemberDocument,
    "query WorkerNextEvents($filter: AgendaFilter!) {\n  agenda(filter: $filter, first: 10) {\n    edges { node { id title status startsAt onlineUrl venue { name address commune { name inMetropole } } } }\n  }\n}": types.WorkerNextEventsDocument,
    "query WorkerProspectForMail($id: ID!, $invitationId: ID) {\n  prospectForMail(id: $id, invitationId: $invitationId) { address name message }\n}": types.WorkerProspectForMailDocument,
    "mutation WorkerMinimiseProspects($now: DateTime) { minimiseInactiveProspects(now: $now) { erased } }": types.WorkerMinimiseProspectsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment WorkerDigestMemberFields on SystemDigestMember {\n  memberId email displayName followedCommuneCodes followedTerritoryCodes followedThemes followedScales digestFrequency\n  groups(joinedSince: $since) { groupId name newMembers { memberId displayName joinedAt } }\n  upcomingRegistrations(from: $now, before: $horizon) { eventId title startsAt status venueName onlineUrl }\n}"): typeof import('./graphql').WorkerDigestMemberFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDigestMembers($frequency: DigestFrequency!, $first: Int, $after: ID, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n  systemDigestMembers(frequency: $frequency, first: $first, after: $after) { ...WorkerDigestMemberFields }\n}"): typeof import('./graphql').WorkerDigestMembersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDigestMember($memberId: ID!, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n  systemDigestMember(memberId: $memberId) { ...WorkerDigestMemberFields }\n}"): typeof import('./graphql').WorkerDigestMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDigestWatch($since: DateTime!, $after: String) {\n  watchItems(filter: { selectedSince: $since }, first: 100, after: $after) {\n    edges { node { id title url summary selectedAt communes { code } themes } } pageInfo { hasNextPage endCursor }\n  }\n}"): typeof import('./graphql').WorkerDigestWatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDigestAgenda($from: DateTime!, $to: DateTime!, $after: String) {\n  agenda(filter: { from: $from, to: $to }, first: 100, after: $after) {\n    edges { node { id title status startsAt themes venue { name commune { code } } onlineUrl group { id } } } pageInfo { hasNextPage endCursor }\n  }\n}"): typeof import('./graphql').WorkerDigestAgendaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDigestFiches($since: DateTime!, $after: String) {\n  guideArticles(filter: { status: PUBLISHED, updatedSince: $since }, first: 100, after: $after) {\n    edges { node { id slug title summary themes scales communes { code } updatedAt publishedAt } } pageInfo { hasNextPage endCursor }\n  }\n}"): typeof import('./graphql').WorkerDigestFichesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDigestNewcomers($since: DateTime!, $after: ID) {\n  systemNewcomers(since: $since, first: 500, after: $after) { memberId displayName communeCode joinedAt }\n}"): typeof import('./graphql').WorkerDigestNewcomersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerWatchSources { watchSources(active: true) { id name feedUrl } }"): typeof import('./graphql').WorkerWatchSourcesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerIngest($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {\n  ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) { created { id } skipped }\n}"): typeof import('./graphql').WorkerIngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerMembersForMail($ids: [ID!]!) { systemMembersForMail(memberIds: $ids) { memberId email displayName eventReminders welcomeFollowUp } }"): typeof import('./graphql').WorkerMembersForMailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDecisionToApply($id: ID!) {\n  decisionToApply(id: $id) { id targetType targetId action reason suspendedUntil createdAt appliedAt moderatorRole }\n}"): typeof import('./graphql').WorkerDecisionToApplyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerMarkDecisionApplied($id: ID!) { markDecisionApplied(id: $id) { id appliedAt } }"): typeof import('./graphql').WorkerMarkDecisionAppliedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerApplyMemberModerationAction($input: ApplyModerationActionInput!) {\n  applyMemberModerationAction(input: $input) { decisionId appliedAt }\n}"): typeof import('./graphql').WorkerApplyMemberModerationActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerApplyEventModerationAction($input: ApplyModerationActionInput!) {\n  applyEventModerationAction(input: $input) { decisionId appliedAt }\n}"): typeof import('./graphql').WorkerApplyEventModerationActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerApplyGuideModerationAction($input: ApplyModerationActionInput!) {\n  applyGuideModerationAction(input: $input) { decisionId appliedAt }\n}"): typeof import('./graphql').WorkerApplyGuideModerationActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerRecordRoleChange($input: RecordRoleChangeInput!) {\n  recordRoleChange(input: $input) { id }\n}"): typeof import('./graphql').WorkerRecordRoleChangeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment WorkerEventState on SystemEventState { startsAt endsAt venueName venueAddress communeCode onlineUrl }"): typeof import('./graphql').WorkerEventStateFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerChangeNotice($eventId: ID!) {\n  systemEventChangeNotice(eventId: $eventId) { noticeId eventId title public dueAt before { ...WorkerEventState } after { ...WorkerEventState } calendarSequence memberIds }\n}"): typeof import('./graphql').WorkerChangeNoticeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDueChangeNotices($dueBefore: DateTime!) { systemDueEventChangeNotices(dueBefore: $dueBefore) }"): typeof import('./graphql').WorkerDueChangeNoticesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerCloseChangeNotice($noticeId: ID!, $sent: Boolean!) { closeEventChangeNotice(noticeId: $noticeId, sent: $sent) }"): typeof import('./graphql').WorkerCloseChangeNoticeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment WorkerEventFields on Event { id title status startsAt endsAt calendarSequence cancellationReason onlineUrl venue { name address commune { code } } }"): typeof import('./graphql').WorkerEventFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerCancelledEvent($id: ID!, $after: String) {\n  event(id: $id) {\n    ...WorkerEventFields\n    attendees(first: 100, after: $after) { edges { node { member { id } } } pageInfo { hasNextPage endCursor } }\n  }\n}"): typeof import('./graphql').WorkerCancelledEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerEvent($id: ID!) { event(id: $id) { ...WorkerEventFields moderationState } }"): typeof import('./graphql').WorkerEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerPromotedRegistration($id: ID!, $from: DateTime!, $before: DateTime!, $memberId: ID!) {\n  systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $id, memberIds: [$memberId]) { registrationId }\n}"): typeof import('./graphql').WorkerPromotedRegistrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerExtendEventSeries { extendEventSeries }"): typeof import('./graphql').WorkerExtendEventSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerEraseFromEvents($memberId: ID!) { eraseMemberFromEvents(memberId: $memberId) }"): typeof import('./graphql').WorkerEraseFromEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerEraseFromGuide($memberId: ID!) { eraseMemberFromGuide(memberId: $memberId) }"): typeof import('./graphql').WorkerEraseFromGuideDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerEraseFromModeration($memberId: ID!) { eraseMemberFromModeration(memberId: $memberId) }"): typeof import('./graphql').WorkerEraseFromModerationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerGroupMessage($id: ID!) {\n  systemGroupMessage(id: $id) { id groupId groupName subject body authorName deliverable }\n}"): typeof import('./graphql').WorkerGroupMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerGroupMessageRecipients($id: ID!, $first: Int, $after: ID) {\n  systemGroupMessageRecipients(messageId: $id, first: $first, after: $after)\n}"): typeof import('./graphql').WorkerGroupMessageRecipientsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerEventMessage($id: ID!) {\n  systemEventMessage(id: $id) { id eventId eventTitle subject body deliverable }\n}"): typeof import('./graphql').WorkerEventMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerEventMessageRecipients($id: ID!, $first: Int, $after: ID) {\n  systemEventMessageRecipients(messageId: $id, first: $first, after: $after)\n}"): typeof import('./graphql').WorkerEventMessageRecipientsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDecisionNotice($id: ID!) {\n  decisionNotice(id: $id) {\n    decision { id action reason targetType targetId suspendedUntil automatic }\n    reportersToNotify { reporterId reportedAt }\n  }\n}"): typeof import('./graphql').WorkerDecisionNoticeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerFirstParticipations($ids: [ID!]!) {\n  systemFirstParticipations(memberIds: $ids) { memberId firstParticipationAt }\n}"): typeof import('./graphql').WorkerFirstParticipationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerRecordFirstParticipations($entries: [FirstParticipationInput!]!) {\n  recordFirstParticipations(entries: $entries)\n}"): typeof import('./graphql').WorkerRecordFirstParticipationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerNewcomersToNudge($after: DateTime!, $before: DateTime!, $first: Int, $cursor: ID) {\n  systemNewcomersToNudge(joinedAfter: $after, joinedBefore: $before, first: $first, after: $cursor) {\n    memberId joinedAt communeCode buddyId profileVisibility buddyProfileVisibility\n  }\n}"): typeof import('./graphql').WorkerNewcomersToNudgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerRecordNewcomerNudges($ids: [ID!]!, $at: DateTime!) { recordNewcomerNudges(memberIds: $ids, nudgedAt: $at) }"): typeof import('./graphql').WorkerRecordNewcomerNudgesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerReviewedEvent($id: ID!) {\n  systemReviewedEvent(id: $id) { id title status organizerId rejectionReason }\n}"): typeof import('./graphql').WorkerReviewedEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerReviewedGuideArticle($id: ID!) {\n  systemReviewedGuideArticle(id: $id) { id slug title status authorIds reviewNote }\n}"): typeof import('./graphql').WorkerReviewedGuideArticleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerDueRegistrations($from: DateTime!, $before: DateTime!, $eventId: ID, $memberIds: [ID!], $first: Int, $after: String) {\n  systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $eventId, memberIds: $memberIds, first: $first, after: $after) {\n    registrationId eventId memberId title startsAt endsAt venueName venueAddress communeCode onlineUrl reminderOffsetsHours calendarSequence remindersEnabled cursor\n  }\n}"): typeof import('./graphql').WorkerDueRegistrationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerStaffWaiting {\n  eventsToReview(first: 1) { totalCount }\n  eventRevisionsToReview(first: 1) { totalCount }\n  systemGuideWaiting { fichesToReview watchItemsToCurate }\n  moderationQueue(filter: { status: OPEN }, first: 1) { totalCount }\n  newcomers(first: 1) { totalCount }\n  systemStaffDigestRecipients { memberId }\n}"): typeof import('./graphql').WorkerStaffWaitingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerMailSecret($kind: MailSecretKind!, $id: ID!) { systemMailSecret(kind: $kind, id: $id) }"): typeof import('./graphql').WorkerMailSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerWelcomeMember($id: ID!) {\n  member(id: $id) { id commune { code name } buddy { id displayName profileVisibility } }\n}"): typeof import('./graphql').WorkerWelcomeMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerNextEvents($filter: AgendaFilter!) {\n  agenda(filter: $filter, first: 10) {\n    edges { node { id title status startsAt onlineUrl venue { name address commune { name inMetropole } } } }\n  }\n}"): typeof import('./graphql').WorkerNextEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerProspectForMail($id: ID!, $invitationId: ID) {\n  prospectForMail(id: $id, invitationId: $invitationId) { address name message }\n}"): typeof import('./graphql').WorkerProspectForMailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerMinimiseProspects($now: DateTime) { minimiseInactiveProspects(now: $now) { erased } }"): typeof import('./graphql').WorkerMinimiseProspectsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
