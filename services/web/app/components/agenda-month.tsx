import { parisDay } from '@metropotes/french-time';
import { formatParisTime } from '../lib/display-time';
import { Link } from 'react-router';
import type { AgendaMonthEventFragment } from '../graphql/generated/graphql';
import { EVENT_KIND_LABELS } from '../lib/event-labels';
import { dayName, daysOfMonth, FRENCH_WEEKDAYS, monthName, shiftMonth, weekdayIndex } from '../lib/paris-dates';
import { useNow } from '../lib/use-now';

/**
 * The month view of the agenda, in Paris time: a table of weeks (Monday first) whose days list their events, and on
 * narrow screens (CSS) a list of the days that have events instead. Today is marked. Data: AgendaMonthEventFragment.
 */
export function AgendaMonth({
  month,
  events,
  truncated,
  previousHref,
  nextHref,
  listHref,
  where,
}: {
  month: string;
  events: AgendaMonthEventFragment[];
  truncated: boolean;
  previousHref: string;
  nextHref: string;
  listHref: string;
  where: string;
}) {
  const today = parisDay(useNow());
  const days = daysOfMonth(month);
  const first = days[0]!;
  // An event that began before the month and is still going on shows on the month's first day.
  const byDay = new Map<string, AgendaMonthEventFragment[]>(days.map((day) => [day, []]));
  for (const event of events) {
    const day = parisDay(event.startsAt);
    (byDay.get(day) ?? byDay.get(first)!).push(event);
  }
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: weekdayIndex(first) }, () => null);
  for (const day of days) {
    week.push(day);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  // The list of narrow screens: the days that have events, and today.
  const daysWithEvents = days.filter((day) => byDay.get(day)!.length > 0 || day === today);
  const title = `${monthName(month)}${where}`;

  return (
    <section className="agenda-month" aria-labelledby="titre-mois">
      <h2 id="titre-mois" className="agenda-month__title">
        Rendez-vous de {title}
      </h2>
      <nav className="agenda-month__nav" aria-label="Changer de mois">
        <Link to={previousHref} rel="prev">
          <span aria-hidden="true">← </span>
          {capitalised(monthName(shiftMonth(month, -1)))}
        </Link>
        <Link to={nextHref} rel="next">
          {capitalised(monthName(shiftMonth(month, 1)))}
          <span aria-hidden="true"> →</span>
        </Link>
      </nav>

      <p className="results-count" role="status">
        {events.length === 0 ? `Aucun rendez-vous en ${title}.` : `${events.length}${truncated ? ' premiers' : ''} rendez-vous en ${title}.`}
        {truncated ? (
          <>
            {' '}
            <Link to={listHref}>Voir tous les rendez-vous du mois en liste</Link>.
          </>
        ) : null}
      </p>

      <table className="agenda-month__grid">
        <caption>{capitalised(title)}</caption>
        <thead>
          <tr>
            {FRENCH_WEEKDAYS.map((weekday) => (
              <th key={weekday} scope="col">
                <span aria-hidden="true">{capitalised(weekday.slice(0, 3))}.</span>
                <span className="visually-hidden">{weekday}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((days) => (
            <tr key={days.find(Boolean)}>
              {days.map((day, index) =>
                day ? (
                  <td key={day} className={day === today ? 'agenda-month__today' : undefined} aria-current={day === today ? 'date' : undefined}>
                    <p className="agenda-month__date">
                      <time dateTime={day}>{Number(day.slice(8))}</time>
                      {day === today ? <span className="agenda-month__today-label">aujourd’hui</span> : null}
                    </p>
                    <DayEvents events={byDay.get(day)!} />
                  </td>
                ) : (
                  <td key={`vide-${index}`} className="agenda-month__outside" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>

      {daysWithEvents.length ? (
        <ol className="agenda-month__days">
          {daysWithEvents.map((day) => (
            <li key={day} className={day === today ? 'agenda-month__today' : undefined} aria-current={day === today ? 'date' : undefined}>
              <h3>
                <time dateTime={day}>{capitalised(dayName(day))}</time>
                {day === today ? <span className="agenda-month__today-label">aujourd’hui</span> : null}
              </h3>
              {byDay.get(day)!.length ? <DayEvents events={byDay.get(day)!} /> : <p>Pas de rendez-vous ce jour-là.</p>}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function DayEvents({ events }: { events: AgendaMonthEventFragment[] }) {
  if (!events.length) return null;
  return (
    <ul className="agenda-month__events">
      {events.map((event) => (
        <li key={event.id} className={event.status === 'CANCELLED' ? 'agenda-month__cancelled' : undefined}>
          <Link to={`/evenements/${event.id}`}>
            <time dateTime={event.startsAt}>{formatParisTime(event.startsAt, { style: 'time' })}</time> {event.title}
          </Link>
          <span className="agenda-month__kind">
            {' '}
            ({EVENT_KIND_LABELS[event.kind]}
            {event.status === 'CANCELLED' ? ', annulé' : ''}
            {event.venue ? `, ${event.venue.commune.name}` : event.onlineUrl ? ', en ligne' : ''})
          </span>
        </li>
      ))}
    </ul>
  );
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
