import { parisDay } from '@metropotes/french-time';
import { formatParisTimeRange } from '../lib/display-time';
import { Link } from 'react-router';
import type { EventCardFragment } from '../graphql/generated/graphql';
import { EVENT_KIND_LABELS, placesLeftLabel } from '../lib/event-labels';
import { useNow } from '../lib/use-now';

/** One event of a list: what, when, where, how many places. Data: EventCardFragment (event-card.fragment.ts). */
export function EventCard({ event, headingLevel = 3 }: { event: EventCardFragment; headingLevel?: 2 | 3 }) {
  const now = useNow();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const cancelled = event.status === 'CANCELLED';
  const places = cancelled ? null : placesLeftLabel(event.spotsLeft);
  const where = event.venue ? `${event.venue.name}, ${event.venue.commune.name}` : event.onlineUrl ? 'En ligne' : null;
  return (
    <article className={`event-card${cancelled ? ' event-card--cancelled' : ''}`}>
      <p className="event-card__kind">
        <span className={`badge badge--${event.kind.toLowerCase()}`}>{EVENT_KIND_LABELS[event.kind]}</span>
        {cancelled ? <span className="badge badge--cancelled">Annulé</span> : null}
      </p>
      <Heading className="event-card__title">
        <Link to={`/evenements/${event.id}`}>{event.title}</Link>
      </Heading>
      <p className="event-card__when">
        <time dateTime={parisDay(event.startsAt)}>{formatParisTimeRange(event.startsAt, event.endsAt, { now })}</time>
      </p>
      {where ? <p className="event-card__where">{where}</p> : null}
      {places ? <p className={`event-card__places${event.spotsLeft === 0 ? ' event-card__places--full' : ''}`}>{places}</p> : null}
    </article>
  );
}
