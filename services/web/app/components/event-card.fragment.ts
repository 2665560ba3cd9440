import { graphql } from '../graphql/generated';

/** What an event card shows (components/event-card.tsx); spread it in a page's query. */
export const EventCardFragment = graphql(`
  fragment EventCard on Event {
    id
    title
    kind
    status
    startsAt
    endsAt
    spotsLeft
    onlineUrl
    venue {
      name
      commune {
        code
        name
      }
    }
  }
`);
