import type { Resolvers } from '../../generated/resolvers-types';

export const watchResolvers: Resolvers = {
  Query: {
    watchSources: (_, args, ctx) => ctx.watch.sources(args.active),
    watchItems: (_, args, ctx) => ctx.watch.list(args.filter, args.first, args.after),
    watchItem: (_, args, ctx) => ctx.watch.item(args.id),
  },
  Mutation: {
    addWatchSource: (_, args, ctx) => ctx.watch.addSource(args.input),
    updateWatchSource: (_, args, ctx) => ctx.watch.updateSource(args.id, args.input),
    pauseWatchSource: (_, args, ctx) => ctx.watch.pauseSource(args.id),
    submitWatchItem: (_, args, ctx) => ctx.watch.submit(args.input),
    curateWatchItem: (_, args, ctx) => ctx.watch.curate(args.id, args.status, args.note),
    curateWatchItems: (_, args, ctx) => ctx.watch.curateMany(args.ids, args.status, args.note),
    updateWatchItem: (_, args, ctx) => ctx.watch.correct(args.id, args.input),
    ingestWatchItems: (_, args, ctx) => ctx.watch.ingest(args.sourceId, args.items, args.error),
  },
  WatchSource: {
    communes: (source) => source.communeCodes.map((code) => ({ __typename: 'Commune', code })),
  },
  WatchItem: {
    __resolveReference: (ref, ctx) => ctx.watch.item(ref.id),
    source: (item, _, ctx) => ctx.watch.sourceOf(item),
    communes: (item) => item.communeCodes.map((code) => ({ __typename: 'Commune', code })),
    curatedBy: (item, _, ctx) => (ctx.watch.staff && item.curatedById ? { __typename: 'Member', id: item.curatedById } : null),
    curationNote: (item, _, ctx) => (ctx.watch.staff ? item.curationNote : null),
    submittedBy: (item, _, ctx) =>
      item.submittedById && (ctx.watch.staff || ctx.watch.isSubmitter(item)) ? { __typename: 'Member', id: item.submittedById } : null,
  },
};
