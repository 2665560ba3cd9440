import { data } from 'react-router';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { eventIcs } from '../lib/ics.server';
import { webContext } from '../lib/web-context.server';
import type { Route } from './+types/event-ics';

const EventIcsQuery = graphql(`
  query EventIcs($id: ID!) {
    event(id: $id) {
      id
      title
      description
      status
      startsAt
      endsAt
      onlineUrl
      updatedAt
      venue {
        name
        address
        commune {
          name
          postalCodes
        }
      }
    }
  }
`);

/** /evenements/<id>/agenda.ics: the event alone, to add to a calendar app. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { event } = await queryOrThrow(context, EventIcsQuery, { id: params.id });
  if (!event) throw data({ message: "Cet événement n'existe pas, ou il n'est pas public." }, { status: 404 });
  const web = context.get(webContext);
  const url = `${web.publicUrl}/evenements/${event.id}`;
  const venue = event.venue;
  const location = venue
    ? [venue.name, venue.address, `${venue.commune.postalCodes[0] ?? ''} ${venue.commune.name}`.trim()].filter(Boolean).join(', ')
    : event.onlineUrl;
  const body = eventIcs({
    uid: `${event.id}@${new URL(web.publicUrl).host}`,
    title: event.title,
    description: event.description,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: location ?? null,
    url,
    cancelled: event.status === 'CANCELLED',
    stampedAt: new Date(event.updatedAt),
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="metropotes-${event.id}.ics"`,
    },
  });
}
