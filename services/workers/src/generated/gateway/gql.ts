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
    "\n  fragment WorkerDigestMemberFields on SystemDigestMember {\n    memberId\n    email\n    displayName\n    followedCommuneCodes\n    followedTerritoryCodes\n    followedThemes\n    followedScales\n    digestFrequency\n    groups(joinedSince: $since) {\n      groupId\n      name\n      newMembers {\n        memberId\n        displayName\n        joinedAt\n      }\n    }\n    upcomingRegistrations(from: $now, before: $horizon) {\n      eventId\n      title\n      startsAt\n      status\n      venueName\n      onlineUrl\n    }\n  }\n": typeof types.WorkerDigestMemberFieldsFragmentDoc,
    "\n  query WorkerDigestMembers($frequency: DigestFrequency!, $first: Int, $after: ID, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n    systemDigestMembers(frequency: $frequency, first: $first, after: $after) {\n      ...WorkerDigestMemberFields\n    }\n  }\n": typeof types.WorkerDigestMembersDocument,
    "\n  query WorkerDigestMember($memberId: ID!, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n    systemDigestMember(memberId: $memberId) {\n      ...WorkerDigestMemberFields\n    }\n  }\n": typeof types.WorkerDigestMemberDocument,
    "\n  query WorkerDigestWatch($since: DateTime!, $after: String) {\n    watchItems(filter: { selectedSince: $since }, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          title\n          url\n          summary\n          selectedAt\n          communes {\n            code\n          }\n          themes\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WorkerDigestWatchDocument,
    "\n  query WorkerDigestAgenda($from: DateTime!, $to: DateTime!, $after: String) {\n    agenda(filter: { from: $from, to: $to }, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          themes\n          venue {\n            name\n            commune {\n              code\n            }\n          }\n          onlineUrl\n          group {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WorkerDigestAgendaDocument,
    "\n  query WorkerDigestFiches($since: DateTime!, $after: String) {\n    guideArticles(filter: { status: PUBLISHED, updatedSince: $since }, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          slug\n          title\n          summary\n          themes\n          scales\n          communes {\n            code\n          }\n          updatedAt\n          publishedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WorkerDigestFichesDocument,
    "\n  query WorkerDigestNewcomers($since: DateTime!, $after: ID) {\n    systemNewcomers(since: $since, first: 500, after: $after) {\n      memberId\n      displayName\n      communeCode\n      joinedAt\n    }\n  }\n": typeof types.WorkerDigestNewcomersDocument,
    "\n  query WorkerWatchSources {\n    watchSources(active: true) {\n      id\n      name\n      feedUrl\n    }\n  }\n": typeof types.WorkerWatchSourcesDocument,
    "\n  mutation WorkerIngest($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {\n    ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) {\n      created {\n        id\n      }\n      skipped\n    }\n  }\n": typeof types.WorkerIngestDocument,
    "\n  query WorkerMembersForMail($ids: [ID!]!) {\n    systemMembersForMail(memberIds: $ids) {\n      memberId\n      email\n      displayName\n      eventReminders\n      welcomeFollowUp\n    }\n  }\n": typeof types.WorkerMembersForMailDocument,
    "\n  query WorkerDecisionToApply($id: ID!) {\n    decisionToApply(id: $id) {\n      id\n      targetType\n      targetId\n      action\n      reason\n      suspendedUntil\n      createdAt\n      appliedAt\n      moderatorRole\n    }\n  }\n": typeof types.WorkerDecisionToApplyDocument,
    "\n  mutation WorkerMarkDecisionApplied($id: ID!) {\n    markDecisionApplied(id: $id) {\n      id\n      appliedAt\n    }\n  }\n": typeof types.WorkerMarkDecisionAppliedDocument,
    "\n    mutation WorkerApplyMemberModerationAction($input: ApplyModerationActionInput!) {\n      applyMemberModerationAction(input: $input) {\n        decisionId\n        appliedAt\n      }\n    }\n  ": typeof types.WorkerApplyMemberModerationActionDocument,
    "\n    mutation WorkerApplyEventModerationAction($input: ApplyModerationActionInput!) {\n      applyEventModerationAction(input: $input) {\n        decisionId\n        appliedAt\n      }\n    }\n  ": typeof types.WorkerApplyEventModerationActionDocument,
    "\n    mutation WorkerApplyGuideModerationAction($input: ApplyModerationActionInput!) {\n      applyGuideModerationAction(input: $input) {\n        decisionId\n        appliedAt\n      }\n    }\n  ": typeof types.WorkerApplyGuideModerationActionDocument,
    "\n  mutation WorkerRecordRoleChange($input: RecordRoleChangeInput!) {\n    recordRoleChange(input: $input) {\n      id\n    }\n  }\n": typeof types.WorkerRecordRoleChangeDocument,
    "\n  fragment WorkerEventState on SystemEventState {\n    startsAt\n    endsAt\n    venueName\n    venueAddress\n    communeCode\n    onlineUrl\n  }\n": typeof types.WorkerEventStateFragmentDoc,
    "\n  query WorkerChangeNotice($eventId: ID!) {\n    systemEventChangeNotice(eventId: $eventId) {\n      noticeId\n      eventId\n      title\n      public\n      dueAt\n      before {\n        ...WorkerEventState\n      }\n      after {\n        ...WorkerEventState\n      }\n      calendarSequence\n      memberIds\n    }\n  }\n": typeof types.WorkerChangeNoticeDocument,
    "\n  query WorkerDueChangeNotices($dueBefore: DateTime!) {\n    systemDueEventChangeNotices(dueBefore: $dueBefore)\n  }\n": typeof types.WorkerDueChangeNoticesDocument,
    "\n  mutation WorkerCloseChangeNotice($noticeId: ID!, $sent: Boolean!) {\n    closeEventChangeNotice(noticeId: $noticeId, sent: $sent)\n  }\n": typeof types.WorkerCloseChangeNoticeDocument,
    "\n  fragment WorkerEventFields on Event {\n    id\n    title\n    status\n    startsAt\n    endsAt\n    calendarSequence\n    cancellationReason\n    onlineUrl\n    venue {\n      name\n      address\n      commune {\n        code\n      }\n    }\n  }\n": typeof types.WorkerEventFieldsFragmentDoc,
    "\n  query WorkerCancelledEvent($id: ID!, $after: String) {\n    event(id: $id) {\n      ...WorkerEventFields\n      attendees(first: 100, after: $after) {\n        edges {\n          node {\n            member {\n              id\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.WorkerCancelledEventDocument,
    "\n  query WorkerEvent($id: ID!) {\n    event(id: $id) {\n      ...WorkerEventFields\n      moderationState\n    }\n  }\n": typeof types.WorkerEventDocument,
    "\n  query WorkerPromotedRegistration($id: ID!, $from: DateTime!, $before: DateTime!, $memberId: ID!) {\n    systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $id, memberIds: [$memberId]) {\n      registrationId\n    }\n  }\n": typeof types.WorkerPromotedRegistrationDocument,
    "\n  mutation WorkerExtendEventSeries {\n    extendEventSeries\n  }\n": typeof types.WorkerExtendEventSeriesDocument,
    "\n  mutation WorkerEraseFromEvents($memberId: ID!) {\n    eraseMemberFromEvents(memberId: $memberId)\n  }\n": typeof types.WorkerEraseFromEventsDocument,
    "\n  mutation WorkerEraseFromGuide($memberId: ID!) {\n    eraseMemberFromGuide(memberId: $memberId)\n  }\n": typeof types.WorkerEraseFromGuideDocument,
    "\n  mutation WorkerEraseFromModeration($memberId: ID!) {\n    eraseMemberFromModeration(memberId: $memberId)\n  }\n": typeof types.WorkerEraseFromModerationDocument,
    "\n  query WorkerGroupMessage($id: ID!) {\n    systemGroupMessage(id: $id) {\n      id\n      groupId\n      groupName\n      subject\n      body\n      authorName\n      deliverable\n    }\n  }\n": typeof types.WorkerGroupMessageDocument,
    "\n  query WorkerGroupMessageRecipients($id: ID!, $first: Int, $after: ID) {\n    systemGroupMessageRecipients(messageId: $id, first: $first, after: $after)\n  }\n": typeof types.WorkerGroupMessageRecipientsDocument,
    "\n  query WorkerEventMessage($id: ID!) {\n    systemEventMessage(id: $id) {\n      id\n      eventId\n      eventTitle\n      subject\n      body\n      deliverable\n    }\n  }\n": typeof types.WorkerEventMessageDocument,
    "\n  query WorkerEventMessageRecipients($id: ID!, $first: Int, $after: ID) {\n    systemEventMessageRecipients(messageId: $id, first: $first, after: $after)\n  }\n": typeof types.WorkerEventMessageRecipientsDocument,
    "\n  query WorkerDecisionNotice($id: ID!) {\n    decisionNotice(id: $id) {\n      decision {\n        id\n        action\n        reason\n        targetType\n        targetId\n        suspendedUntil\n        automatic\n      }\n      reportersToNotify {\n        reporterId\n        reportedAt\n      }\n    }\n  }\n": typeof types.WorkerDecisionNoticeDocument,
    "\n  query WorkerFirstParticipations($ids: [ID!]!) {\n    systemFirstParticipations(memberIds: $ids) {\n      memberId\n      firstParticipationAt\n    }\n  }\n": typeof types.WorkerFirstParticipationsDocument,
    "\n  mutation WorkerRecordFirstParticipations($entries: [FirstParticipationInput!]!) {\n    recordFirstParticipations(entries: $entries)\n  }\n": typeof types.WorkerRecordFirstParticipationsDocument,
    "\n  query WorkerNewcomersToNudge($after: DateTime!, $before: DateTime!, $first: Int, $cursor: ID) {\n    systemNewcomersToNudge(joinedAfter: $after, joinedBefore: $before, first: $first, after: $cursor) {\n      memberId\n      joinedAt\n      communeCode\n      buddyId\n      profileVisibility\n      buddyProfileVisibility\n    }\n  }\n": typeof types.WorkerNewcomersToNudgeDocument,
    "\n  mutation WorkerRecordNewcomerNudges($ids: [ID!]!, $at: DateTime!) {\n    recordNewcomerNudges(memberIds: $ids, nudgedAt: $at)\n  }\n": typeof types.WorkerRecordNewcomerNudgesDocument,
    "\n  query WorkerReviewedEvent($id: ID!) {\n    systemReviewedEvent(id: $id) {\n      id\n      title\n      status\n      organizerId\n      rejectionReason\n    }\n  }\n": typeof types.WorkerReviewedEventDocument,
    "\n  query WorkerReviewedGuideArticle($id: ID!) {\n    systemReviewedGuideArticle(id: $id) {\n      id\n      slug\n      title\n      status\n      authorIds\n      reviewNote\n    }\n  }\n": typeof types.WorkerReviewedGuideArticleDocument,
    "\n  query WorkerDueRegistrations($from: DateTime!, $before: DateTime!, $eventId: ID, $memberIds: [ID!], $first: Int, $after: String) {\n    systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $eventId, memberIds: $memberIds, first: $first, after: $after) {\n      registrationId\n      eventId\n      memberId\n      title\n      startsAt\n      endsAt\n      venueName\n      venueAddress\n      communeCode\n      onlineUrl\n      reminderOffsetsHours\n      calendarSequence\n      remindersEnabled\n      cursor\n    }\n  }\n": typeof types.WorkerDueRegistrationsDocument,
    "\n  query WorkerStaffWaiting {\n    eventsToReview(first: 1) {\n      totalCount\n    }\n    eventRevisionsToReview(first: 1) {\n      totalCount\n    }\n    systemGuideWaiting {\n      fichesToReview\n      watchItemsToCurate\n    }\n    moderationQueue(filter: { status: OPEN }, first: 1) {\n      totalCount\n    }\n    newcomers(first: 1) {\n      totalCount\n    }\n    systemStaffDigestRecipients {\n      memberId\n    }\n  }\n": typeof types.WorkerStaffWaitingDocument,
    "\n  query WorkerMailSecret($kind: MailSecretKind!, $id: ID!) {\n    systemMailSecret(kind: $kind, id: $id)\n  }\n": typeof types.WorkerMailSecretDocument,
    "\n  fragment WorkerWelcomeMemberFields on Member {\n    id\n    commune {\n      code\n      name\n    }\n    buddy {\n      id\n      displayName\n      profileVisibility\n    }\n  }\n": typeof types.WorkerWelcomeMemberFieldsFragmentDoc,
    "\n  fragment WorkerMailContactFields on SystemMemberForMail {\n    memberId\n    email\n    displayName\n    eventReminders\n    welcomeFollowUp\n  }\n": typeof types.WorkerMailContactFieldsFragmentDoc,
    "\n  query WorkerNextEvents($filter: AgendaFilter!) {\n    agenda(filter: $filter, first: 10) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          onlineUrl\n          venue {\n            name\n            address\n            commune {\n              code\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.WorkerNextEventsDocument,
    "\n  query WorkerProspectForMail($id: ID!, $invitationId: ID) {\n    prospectForMail(id: $id, invitationId: $invitationId) {\n      address\n      name\n      message\n    }\n  }\n": typeof types.WorkerProspectForMailDocument,
    "\n  mutation WorkerMinimiseProspects($now: DateTime) {\n    minimiseInactiveProspects(now: $now) {\n      erased\n    }\n  }\n": typeof types.WorkerMinimiseProspectsDocument,
};
const documents: Documents = {
    "\n  fragment WorkerDigestMemberFields on SystemDigestMember {\n    memberId\n    email\n    displayName\n    followedCommuneCodes\n    followedTerritoryCodes\n    followedThemes\n    followedScales\n    digestFrequency\n    groups(joinedSince: $since) {\n      groupId\n      name\n      newMembers {\n        memberId\n        displayName\n        joinedAt\n      }\n    }\n    upcomingRegistrations(from: $now, before: $horizon) {\n      eventId\n      title\n      startsAt\n      status\n      venueName\n      onlineUrl\n    }\n  }\n": types.WorkerDigestMemberFieldsFragmentDoc,
    "\n  query WorkerDigestMembers($frequency: DigestFrequency!, $first: Int, $after: ID, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n    systemDigestMembers(frequency: $frequency, first: $first, after: $after) {\n      ...WorkerDigestMemberFields\n    }\n  }\n": types.WorkerDigestMembersDocument,
    "\n  query WorkerDigestMember($memberId: ID!, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n    systemDigestMember(memberId: $memberId) {\n      ...WorkerDigestMemberFields\n    }\n  }\n": types.WorkerDigestMemberDocument,
    "\n  query WorkerDigestWatch($since: DateTime!, $after: String) {\n    watchItems(filter: { selectedSince: $since }, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          title\n          url\n          summary\n          selectedAt\n          communes {\n            code\n          }\n          themes\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WorkerDigestWatchDocument,
    "\n  query WorkerDigestAgenda($from: DateTime!, $to: DateTime!, $after: String) {\n    agenda(filter: { from: $from, to: $to }, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          themes\n          venue {\n            name\n            commune {\n              code\n            }\n          }\n          onlineUrl\n          group {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WorkerDigestAgendaDocument,
    "\n  query WorkerDigestFiches($since: DateTime!, $after: String) {\n    guideArticles(filter: { status: PUBLISHED, updatedSince: $since }, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          slug\n          title\n          summary\n          themes\n          scales\n          communes {\n            code\n          }\n          updatedAt\n          publishedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WorkerDigestFichesDocument,
    "\n  query WorkerDigestNewcomers($since: DateTime!, $after: ID) {\n    systemNewcomers(since: $since, first: 500, after: $after) {\n      memberId\n      displayName\n      communeCode\n      joinedAt\n    }\n  }\n": types.WorkerDigestNewcomersDocument,
    "\n  query WorkerWatchSources {\n    watchSources(active: true) {\n      id\n      name\n      feedUrl\n    }\n  }\n": types.WorkerWatchSourcesDocument,
    "\n  mutation WorkerIngest($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {\n    ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) {\n      created {\n        id\n      }\n      skipped\n    }\n  }\n": types.WorkerIngestDocument,
    "\n  query WorkerMembersForMail($ids: [ID!]!) {\n    systemMembersForMail(memberIds: $ids) {\n      memberId\n      email\n      displayName\n      eventReminders\n      welcomeFollowUp\n    }\n  }\n": types.WorkerMembersForMailDocument,
    "\n  query WorkerDecisionToApply($id: ID!) {\n    decisionToApply(id: $id) {\n      id\n      targetType\n      targetId\n      action\n      reason\n      suspendedUntil\n      createdAt\n      appliedAt\n      moderatorRole\n    }\n  }\n": types.WorkerDecisionToApplyDocument,
    "\n  mutation WorkerMarkDecisionApplied($id: ID!) {\n    markDecisionApplied(id: $id) {\n      id\n      appliedAt\n    }\n  }\n": types.WorkerMarkDecisionAppliedDocument,
    "\n    mutation WorkerApplyMemberModerationAction($input: ApplyModerationActionInput!) {\n      applyMemberModerationAction(input: $input) {\n        decisionId\n        appliedAt\n      }\n    }\n  ": types.WorkerApplyMemberModerationActionDocument,
    "\n    mutation WorkerApplyEventModerationAction($input: ApplyModerationActionInput!) {\n      applyEventModerationAction(input: $input) {\n        decisionId\n        appliedAt\n      }\n    }\n  ": types.WorkerApplyEventModerationActionDocument,
    "\n    mutation WorkerApplyGuideModerationAction($input: ApplyModerationActionInput!) {\n      applyGuideModerationAction(input: $input) {\n        decisionId\n        appliedAt\n      }\n    }\n  ": types.WorkerApplyGuideModerationActionDocument,
    "\n  mutation WorkerRecordRoleChange($input: RecordRoleChangeInput!) {\n    recordRoleChange(input: $input) {\n      id\n    }\n  }\n": types.WorkerRecordRoleChangeDocument,
    "\n  fragment WorkerEventState on SystemEventState {\n    startsAt\n    endsAt\n    venueName\n    venueAddress\n    communeCode\n    onlineUrl\n  }\n": types.WorkerEventStateFragmentDoc,
    "\n  query WorkerChangeNotice($eventId: ID!) {\n    systemEventChangeNotice(eventId: $eventId) {\n      noticeId\n      eventId\n      title\n      public\n      dueAt\n      before {\n        ...WorkerEventState\n      }\n      after {\n        ...WorkerEventState\n      }\n      calendarSequence\n      memberIds\n    }\n  }\n": types.WorkerChangeNoticeDocument,
    "\n  query WorkerDueChangeNotices($dueBefore: DateTime!) {\n    systemDueEventChangeNotices(dueBefore: $dueBefore)\n  }\n": types.WorkerDueChangeNoticesDocument,
    "\n  mutation WorkerCloseChangeNotice($noticeId: ID!, $sent: Boolean!) {\n    closeEventChangeNotice(noticeId: $noticeId, sent: $sent)\n  }\n": types.WorkerCloseChangeNoticeDocument,
    "\n  fragment WorkerEventFields on Event {\n    id\n    title\n    status\n    startsAt\n    endsAt\n    calendarSequence\n    cancellationReason\n    onlineUrl\n    venue {\n      name\n      address\n      commune {\n        code\n      }\n    }\n  }\n": types.WorkerEventFieldsFragmentDoc,
    "\n  query WorkerCancelledEvent($id: ID!, $after: String) {\n    event(id: $id) {\n      ...WorkerEventFields\n      attendees(first: 100, after: $after) {\n        edges {\n          node {\n            member {\n              id\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.WorkerCancelledEventDocument,
    "\n  query WorkerEvent($id: ID!) {\n    event(id: $id) {\n      ...WorkerEventFields\n      moderationState\n    }\n  }\n": types.WorkerEventDocument,
    "\n  query WorkerPromotedRegistration($id: ID!, $from: DateTime!, $before: DateTime!, $memberId: ID!) {\n    systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $id, memberIds: [$memberId]) {\n      registrationId\n    }\n  }\n": types.WorkerPromotedRegistrationDocument,
    "\n  mutation WorkerExtendEventSeries {\n    extendEventSeries\n  }\n": types.WorkerExtendEventSeriesDocument,
    "\n  mutation WorkerEraseFromEvents($memberId: ID!) {\n    eraseMemberFromEvents(memberId: $memberId)\n  }\n": types.WorkerEraseFromEventsDocument,
    "\n  mutation WorkerEraseFromGuide($memberId: ID!) {\n    eraseMemberFromGuide(memberId: $memberId)\n  }\n": types.WorkerEraseFromGuideDocument,
    "\n  mutation WorkerEraseFromModeration($memberId: ID!) {\n    eraseMemberFromModeration(memberId: $memberId)\n  }\n": types.WorkerEraseFromModerationDocument,
    "\n  query WorkerGroupMessage($id: ID!) {\n    systemGroupMessage(id: $id) {\n      id\n      groupId\n      groupName\n      subject\n      body\n      authorName\n      deliverable\n    }\n  }\n": types.WorkerGroupMessageDocument,
    "\n  query WorkerGroupMessageRecipients($id: ID!, $first: Int, $after: ID) {\n    systemGroupMessageRecipients(messageId: $id, first: $first, after: $after)\n  }\n": types.WorkerGroupMessageRecipientsDocument,
    "\n  query WorkerEventMessage($id: ID!) {\n    systemEventMessage(id: $id) {\n      id\n      eventId\n      eventTitle\n      subject\n      body\n      deliverable\n    }\n  }\n": types.WorkerEventMessageDocument,
    "\n  query WorkerEventMessageRecipients($id: ID!, $first: Int, $after: ID) {\n    systemEventMessageRecipients(messageId: $id, first: $first, after: $after)\n  }\n": types.WorkerEventMessageRecipientsDocument,
    "\n  query WorkerDecisionNotice($id: ID!) {\n    decisionNotice(id: $id) {\n      decision {\n        id\n        action\n        reason\n        targetType\n        targetId\n        suspendedUntil\n        automatic\n      }\n      reportersToNotify {\n        reporterId\n        reportedAt\n      }\n    }\n  }\n": types.WorkerDecisionNoticeDocument,
    "\n  query WorkerFirstParticipations($ids: [ID!]!) {\n    systemFirstParticipations(memberIds: $ids) {\n      memberId\n      firstParticipationAt\n    }\n  }\n": types.WorkerFirstParticipationsDocument,
    "\n  mutation WorkerRecordFirstParticipations($entries: [FirstParticipationInput!]!) {\n    recordFirstParticipations(entries: $entries)\n  }\n": types.WorkerRecordFirstParticipationsDocument,
    "\n  query WorkerNewcomersToNudge($after: DateTime!, $before: DateTime!, $first: Int, $cursor: ID) {\n    systemNewcomersToNudge(joinedAfter: $after, joinedBefore: $before, first: $first, after: $cursor) {\n      memberId\n      joinedAt\n      communeCode\n      buddyId\n      profileVisibility\n      buddyProfileVisibility\n    }\n  }\n": types.WorkerNewcomersToNudgeDocument,
    "\n  mutation WorkerRecordNewcomerNudges($ids: [ID!]!, $at: DateTime!) {\n    recordNewcomerNudges(memberIds: $ids, nudgedAt: $at)\n  }\n": types.WorkerRecordNewcomerNudgesDocument,
    "\n  query WorkerReviewedEvent($id: ID!) {\n    systemReviewedEvent(id: $id) {\n      id\n      title\n      status\n      organizerId\n      rejectionReason\n    }\n  }\n": types.WorkerReviewedEventDocument,
    "\n  query WorkerReviewedGuideArticle($id: ID!) {\n    systemReviewedGuideArticle(id: $id) {\n      id\n      slug\n      title\n      status\n      authorIds\n      reviewNote\n    }\n  }\n": types.WorkerReviewedGuideArticleDocument,
    "\n  query WorkerDueRegistrations($from: DateTime!, $before: DateTime!, $eventId: ID, $memberIds: [ID!], $first: Int, $after: String) {\n    systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $eventId, memberIds: $memberIds, first: $first, after: $after) {\n      registrationId\n      eventId\n      memberId\n      title\n      startsAt\n      endsAt\n      venueName\n      venueAddress\n      communeCode\n      onlineUrl\n      reminderOffsetsHours\n      calendarSequence\n      remindersEnabled\n      cursor\n    }\n  }\n": types.WorkerDueRegistrationsDocument,
    "\n  query WorkerStaffWaiting {\n    eventsToReview(first: 1) {\n      totalCount\n    }\n    eventRevisionsToReview(first: 1) {\n      totalCount\n    }\n    systemGuideWaiting {\n      fichesToReview\n      watchItemsToCurate\n    }\n    moderationQueue(filter: { status: OPEN }, first: 1) {\n      totalCount\n    }\n    newcomers(first: 1) {\n      totalCount\n    }\n    systemStaffDigestRecipients {\n      memberId\n    }\n  }\n": types.WorkerStaffWaitingDocument,
    "\n  query WorkerMailSecret($kind: MailSecretKind!, $id: ID!) {\n    systemMailSecret(kind: $kind, id: $id)\n  }\n": types.WorkerMailSecretDocument,
    "\n  fragment WorkerWelcomeMemberFields on Member {\n    id\n    commune {\n      code\n      name\n    }\n    buddy {\n      id\n      displayName\n      profileVisibility\n    }\n  }\n": types.WorkerWelcomeMemberFieldsFragmentDoc,
    "\n  fragment WorkerMailContactFields on SystemMemberForMail {\n    memberId\n    email\n    displayName\n    eventReminders\n    welcomeFollowUp\n  }\n": types.WorkerMailContactFieldsFragmentDoc,
    "\n  query WorkerNextEvents($filter: AgendaFilter!) {\n    agenda(filter: $filter, first: 10) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          onlineUrl\n          venue {\n            name\n            address\n            commune {\n              code\n            }\n          }\n        }\n      }\n    }\n  }\n": types.WorkerNextEventsDocument,
    "\n  query WorkerProspectForMail($id: ID!, $invitationId: ID) {\n    prospectForMail(id: $id, invitationId: $invitationId) {\n      address\n      name\n      message\n    }\n  }\n": types.WorkerProspectForMailDocument,
    "\n  mutation WorkerMinimiseProspects($now: DateTime) {\n    minimiseInactiveProspects(now: $now) {\n      erased\n    }\n  }\n": types.WorkerMinimiseProspectsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkerDigestMemberFields on SystemDigestMember {\n    memberId\n    email\n    displayName\n    followedCommuneCodes\n    followedTerritoryCodes\n    followedThemes\n    followedScales\n    digestFrequency\n    groups(joinedSince: $since) {\n      groupId\n      name\n      newMembers {\n        memberId\n        displayName\n        joinedAt\n      }\n    }\n    upcomingRegistrations(from: $now, before: $horizon) {\n      eventId\n      title\n      startsAt\n      status\n      venueName\n      onlineUrl\n    }\n  }\n"): typeof import('./graphql').WorkerDigestMemberFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDigestMembers($frequency: DigestFrequency!, $first: Int, $after: ID, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n    systemDigestMembers(frequency: $frequency, first: $first, after: $after) {\n      ...WorkerDigestMemberFields\n    }\n  }\n"): typeof import('./graphql').WorkerDigestMembersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDigestMember($memberId: ID!, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {\n    systemDigestMember(memberId: $memberId) {\n      ...WorkerDigestMemberFields\n    }\n  }\n"): typeof import('./graphql').WorkerDigestMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDigestWatch($since: DateTime!, $after: String) {\n    watchItems(filter: { selectedSince: $since }, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          title\n          url\n          summary\n          selectedAt\n          communes {\n            code\n          }\n          themes\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').WorkerDigestWatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDigestAgenda($from: DateTime!, $to: DateTime!, $after: String) {\n    agenda(filter: { from: $from, to: $to }, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          themes\n          venue {\n            name\n            commune {\n              code\n            }\n          }\n          onlineUrl\n          group {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').WorkerDigestAgendaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDigestFiches($since: DateTime!, $after: String) {\n    guideArticles(filter: { status: PUBLISHED, updatedSince: $since }, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          slug\n          title\n          summary\n          themes\n          scales\n          communes {\n            code\n          }\n          updatedAt\n          publishedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').WorkerDigestFichesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDigestNewcomers($since: DateTime!, $after: ID) {\n    systemNewcomers(since: $since, first: 500, after: $after) {\n      memberId\n      displayName\n      communeCode\n      joinedAt\n    }\n  }\n"): typeof import('./graphql').WorkerDigestNewcomersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerWatchSources {\n    watchSources(active: true) {\n      id\n      name\n      feedUrl\n    }\n  }\n"): typeof import('./graphql').WorkerWatchSourcesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerIngest($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {\n    ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) {\n      created {\n        id\n      }\n      skipped\n    }\n  }\n"): typeof import('./graphql').WorkerIngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerMembersForMail($ids: [ID!]!) {\n    systemMembersForMail(memberIds: $ids) {\n      memberId\n      email\n      displayName\n      eventReminders\n      welcomeFollowUp\n    }\n  }\n"): typeof import('./graphql').WorkerMembersForMailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDecisionToApply($id: ID!) {\n    decisionToApply(id: $id) {\n      id\n      targetType\n      targetId\n      action\n      reason\n      suspendedUntil\n      createdAt\n      appliedAt\n      moderatorRole\n    }\n  }\n"): typeof import('./graphql').WorkerDecisionToApplyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerMarkDecisionApplied($id: ID!) {\n    markDecisionApplied(id: $id) {\n      id\n      appliedAt\n    }\n  }\n"): typeof import('./graphql').WorkerMarkDecisionAppliedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation WorkerApplyMemberModerationAction($input: ApplyModerationActionInput!) {\n      applyMemberModerationAction(input: $input) {\n        decisionId\n        appliedAt\n      }\n    }\n  "): typeof import('./graphql').WorkerApplyMemberModerationActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation WorkerApplyEventModerationAction($input: ApplyModerationActionInput!) {\n      applyEventModerationAction(input: $input) {\n        decisionId\n        appliedAt\n      }\n    }\n  "): typeof import('./graphql').WorkerApplyEventModerationActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation WorkerApplyGuideModerationAction($input: ApplyModerationActionInput!) {\n      applyGuideModerationAction(input: $input) {\n        decisionId\n        appliedAt\n      }\n    }\n  "): typeof import('./graphql').WorkerApplyGuideModerationActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerRecordRoleChange($input: RecordRoleChangeInput!) {\n    recordRoleChange(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').WorkerRecordRoleChangeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkerEventState on SystemEventState {\n    startsAt\n    endsAt\n    venueName\n    venueAddress\n    communeCode\n    onlineUrl\n  }\n"): typeof import('./graphql').WorkerEventStateFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerChangeNotice($eventId: ID!) {\n    systemEventChangeNotice(eventId: $eventId) {\n      noticeId\n      eventId\n      title\n      public\n      dueAt\n      before {\n        ...WorkerEventState\n      }\n      after {\n        ...WorkerEventState\n      }\n      calendarSequence\n      memberIds\n    }\n  }\n"): typeof import('./graphql').WorkerChangeNoticeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDueChangeNotices($dueBefore: DateTime!) {\n    systemDueEventChangeNotices(dueBefore: $dueBefore)\n  }\n"): typeof import('./graphql').WorkerDueChangeNoticesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerCloseChangeNotice($noticeId: ID!, $sent: Boolean!) {\n    closeEventChangeNotice(noticeId: $noticeId, sent: $sent)\n  }\n"): typeof import('./graphql').WorkerCloseChangeNoticeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkerEventFields on Event {\n    id\n    title\n    status\n    startsAt\n    endsAt\n    calendarSequence\n    cancellationReason\n    onlineUrl\n    venue {\n      name\n      address\n      commune {\n        code\n      }\n    }\n  }\n"): typeof import('./graphql').WorkerEventFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerCancelledEvent($id: ID!, $after: String) {\n    event(id: $id) {\n      ...WorkerEventFields\n      attendees(first: 100, after: $after) {\n        edges {\n          node {\n            member {\n              id\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WorkerCancelledEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerEvent($id: ID!) {\n    event(id: $id) {\n      ...WorkerEventFields\n      moderationState\n    }\n  }\n"): typeof import('./graphql').WorkerEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerPromotedRegistration($id: ID!, $from: DateTime!, $before: DateTime!, $memberId: ID!) {\n    systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $id, memberIds: [$memberId]) {\n      registrationId\n    }\n  }\n"): typeof import('./graphql').WorkerPromotedRegistrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerExtendEventSeries {\n    extendEventSeries\n  }\n"): typeof import('./graphql').WorkerExtendEventSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerEraseFromEvents($memberId: ID!) {\n    eraseMemberFromEvents(memberId: $memberId)\n  }\n"): typeof import('./graphql').WorkerEraseFromEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerEraseFromGuide($memberId: ID!) {\n    eraseMemberFromGuide(memberId: $memberId)\n  }\n"): typeof import('./graphql').WorkerEraseFromGuideDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerEraseFromModeration($memberId: ID!) {\n    eraseMemberFromModeration(memberId: $memberId)\n  }\n"): typeof import('./graphql').WorkerEraseFromModerationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerGroupMessage($id: ID!) {\n    systemGroupMessage(id: $id) {\n      id\n      groupId\n      groupName\n      subject\n      body\n      authorName\n      deliverable\n    }\n  }\n"): typeof import('./graphql').WorkerGroupMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerGroupMessageRecipients($id: ID!, $first: Int, $after: ID) {\n    systemGroupMessageRecipients(messageId: $id, first: $first, after: $after)\n  }\n"): typeof import('./graphql').WorkerGroupMessageRecipientsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerEventMessage($id: ID!) {\n    systemEventMessage(id: $id) {\n      id\n      eventId\n      eventTitle\n      subject\n      body\n      deliverable\n    }\n  }\n"): typeof import('./graphql').WorkerEventMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerEventMessageRecipients($id: ID!, $first: Int, $after: ID) {\n    systemEventMessageRecipients(messageId: $id, first: $first, after: $after)\n  }\n"): typeof import('./graphql').WorkerEventMessageRecipientsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDecisionNotice($id: ID!) {\n    decisionNotice(id: $id) {\n      decision {\n        id\n        action\n        reason\n        targetType\n        targetId\n        suspendedUntil\n        automatic\n      }\n      reportersToNotify {\n        reporterId\n        reportedAt\n      }\n    }\n  }\n"): typeof import('./graphql').WorkerDecisionNoticeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerFirstParticipations($ids: [ID!]!) {\n    systemFirstParticipations(memberIds: $ids) {\n      memberId\n      firstParticipationAt\n    }\n  }\n"): typeof import('./graphql').WorkerFirstParticipationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerRecordFirstParticipations($entries: [FirstParticipationInput!]!) {\n    recordFirstParticipations(entries: $entries)\n  }\n"): typeof import('./graphql').WorkerRecordFirstParticipationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerNewcomersToNudge($after: DateTime!, $before: DateTime!, $first: Int, $cursor: ID) {\n    systemNewcomersToNudge(joinedAfter: $after, joinedBefore: $before, first: $first, after: $cursor) {\n      memberId\n      joinedAt\n      communeCode\n      buddyId\n      profileVisibility\n      buddyProfileVisibility\n    }\n  }\n"): typeof import('./graphql').WorkerNewcomersToNudgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerRecordNewcomerNudges($ids: [ID!]!, $at: DateTime!) {\n    recordNewcomerNudges(memberIds: $ids, nudgedAt: $at)\n  }\n"): typeof import('./graphql').WorkerRecordNewcomerNudgesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerReviewedEvent($id: ID!) {\n    systemReviewedEvent(id: $id) {\n      id\n      title\n      status\n      organizerId\n      rejectionReason\n    }\n  }\n"): typeof import('./graphql').WorkerReviewedEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerReviewedGuideArticle($id: ID!) {\n    systemReviewedGuideArticle(id: $id) {\n      id\n      slug\n      title\n      status\n      authorIds\n      reviewNote\n    }\n  }\n"): typeof import('./graphql').WorkerReviewedGuideArticleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDueRegistrations($from: DateTime!, $before: DateTime!, $eventId: ID, $memberIds: [ID!], $first: Int, $after: String) {\n    systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $eventId, memberIds: $memberIds, first: $first, after: $after) {\n      registrationId\n      eventId\n      memberId\n      title\n      startsAt\n      endsAt\n      venueName\n      venueAddress\n      communeCode\n      onlineUrl\n      reminderOffsetsHours\n      calendarSequence\n      remindersEnabled\n      cursor\n    }\n  }\n"): typeof import('./graphql').WorkerDueRegistrationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerStaffWaiting {\n    eventsToReview(first: 1) {\n      totalCount\n    }\n    eventRevisionsToReview(first: 1) {\n      totalCount\n    }\n    systemGuideWaiting {\n      fichesToReview\n      watchItemsToCurate\n    }\n    moderationQueue(filter: { status: OPEN }, first: 1) {\n      totalCount\n    }\n    newcomers(first: 1) {\n      totalCount\n    }\n    systemStaffDigestRecipients {\n      memberId\n    }\n  }\n"): typeof import('./graphql').WorkerStaffWaitingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerMailSecret($kind: MailSecretKind!, $id: ID!) {\n    systemMailSecret(kind: $kind, id: $id)\n  }\n"): typeof import('./graphql').WorkerMailSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkerWelcomeMemberFields on Member {\n    id\n    commune {\n      code\n      name\n    }\n    buddy {\n      id\n      displayName\n      profileVisibility\n    }\n  }\n"): typeof import('./graphql').WorkerWelcomeMemberFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkerMailContactFields on SystemMemberForMail {\n    memberId\n    email\n    displayName\n    eventReminders\n    welcomeFollowUp\n  }\n"): typeof import('./graphql').WorkerMailContactFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerNextEvents($filter: AgendaFilter!) {\n    agenda(filter: $filter, first: 10) {\n      edges {\n        node {\n          id\n          title\n          status\n          startsAt\n          onlineUrl\n          venue {\n            name\n            address\n            commune {\n              code\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WorkerNextEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerProspectForMail($id: ID!, $invitationId: ID) {\n    prospectForMail(id: $id, invitationId: $invitationId) {\n      address\n      name\n      message\n    }\n  }\n"): typeof import('./graphql').WorkerProspectForMailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerMinimiseProspects($now: DateTime) {\n    minimiseInactiveProspects(now: $now) {\n      erased\n    }\n  }\n"): typeof import('./graphql').WorkerMinimiseProspectsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
