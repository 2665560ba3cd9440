import { graphql } from '../graphql/generated';

/**
 * What a day of the month view shows of an event (components/agenda-month.tsx): less than an event card, so that a
 * month of up to 100 events fits the gateway's query cost limit in one request.
 */
export const AgendaMonthEventFragment = graphql(`
  fragment AgendaMonthEvent on Event {
    id
    title
    kind
    status
    startsAt
    onlineUrl
    venue {
      commune {
        name
      }
    }
  }
`);
