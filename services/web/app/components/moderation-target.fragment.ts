import { graphql } from '../graphql/generated';

/**
 * A moderation case's target as members saw it (components/moderation-target.tsx): the union is resolved by the
 * subgraph that owns each kind (events, guide, members). Spread it on `ModerationCase.target`.
 */
export const ModerationTargetFragment = graphql(`
  fragment ModerationTarget on ReportTarget {
    __typename
    ... on Event {
      id
      title
      startsAt
      endsAt
      descriptionHtml
      onlineUrl
      moderationState
      venue {
        name
        address
        commune {
          name
        }
      }
      organizer {
        id
        displayName
      }
    }
    ... on GuideArticle {
      id
      slug
      title
      summary
      bodyHtml
      moderationState
    }
    ... on Member {
      id
      displayName
      role
      bio
      neighbourhood
      skills
      avatarUrl
      moderationState
      commune {
        name
      }
    }
    ... on Group {
      id
      name
      description
      website
      memberCount
      moderationState
      commune {
        name
      }
    }
    ... on WatchItem {
      id
      title
      summary
      url
      publishedAt
      moderationState
    }
    ... on GroupMessage {
      id
      subject
      body
      sentAt
      moderationState
      author {
        id
        displayName
      }
      group {
        id
        name
      }
    }
    ... on EventMessage {
      id
      subject
      body
      sentAt
      moderationState
      event {
        id
        title
      }
    }
  }
`);
