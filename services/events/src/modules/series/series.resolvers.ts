import type { Resolvers } from '../../generated/resolvers-types';

export const seriesResolvers: Resolvers = {
  Query: {
    eventSeries: (_, args, ctx) => ctx.series.get(args.id),
  },
  Mutation: {
    createEventSeries: (_, args, ctx) => ctx.series.create(args.input),
    updateEventSeries: (_, args, ctx) => ctx.series.update(args.id, args.input),
    extendEventSeries: (_, __, ctx) => ctx.series.extendAll(),
  },
  EventSeries: {
    occurrences: (series, args, ctx) => ctx.events.seriesOccurrences(series.id, args.first, args.after),
  },
  Event: {
    series: (event, _, ctx) => ctx.series.get(event.seriesId),
    previousOccurrence: (event, _, ctx) => ctx.events.seriesNeighbour(event, 'previous'),
    nextOccurrence: (event, _, ctx) => ctx.events.seriesNeighbour(event, 'next'),
  },
};
