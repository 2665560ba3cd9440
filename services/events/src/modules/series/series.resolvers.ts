import type { EventsContext } from '../../context';
import type { EventModel } from '../events';
import type { CreateSeriesInput, UpdateSeriesInput } from './series.service';
import type { SeriesModel } from './series.mapper';

export const seriesResolvers = {
  Query: {
    eventSeries: (_: unknown, args: { id: string }, ctx: EventsContext) => ctx.series.get(args.id),
  },
  Mutation: {
    createEventSeries: (_: unknown, args: { input: CreateSeriesInput }, ctx: EventsContext) => ctx.series.create(args.input),
    updateEventSeries: (_: unknown, args: { id: string; input: UpdateSeriesInput }, ctx: EventsContext) => ctx.series.update(args.id, args.input),
    extendEventSeries: (_: unknown, __: unknown, ctx: EventsContext) => ctx.series.extendAll(),
  },
  EventSeries: {
    occurrences: (series: SeriesModel, args: { first?: number | null; after?: string | null }, ctx: EventsContext) =>
      ctx.events.seriesOccurrences(series.id, args.first, args.after),
  },
  Event: {
    series: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.series.get(event.seriesId),
    previousOccurrence: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.events.seriesNeighbour(event, 'previous'),
    nextOccurrence: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.events.seriesNeighbour(event, 'next'),
  },
};
