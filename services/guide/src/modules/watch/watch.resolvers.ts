import type { GuideContext } from '../../context';
import type { WatchItemStatus } from './watch.entity';
import type { WatchItemModel, WatchSourceModel } from './watch.mapper';
import type { IngestEntry, ItemCorrection, SourceInput, SubmitInput, WatchItemFilter } from './watch.service';

export const watchResolvers = {
  Query: {
    watchSources: (_: unknown, args: { active?: boolean | null }, ctx: GuideContext) => ctx.watch.sources(args.active),
    watchItems: (_: unknown, args: { filter?: WatchItemFilter; first?: number; after?: string }, ctx: GuideContext) =>
      ctx.watch.list(args.filter, args.first, args.after),
    watchItem: (_: unknown, args: { id: string }, ctx: GuideContext) => ctx.watch.item(args.id),
  },
  Mutation: {
    addWatchSource: (_: unknown, args: { input: SourceInput }, ctx: GuideContext) => ctx.watch.addSource(args.input),
    updateWatchSource: (_: unknown, args: { id: string; input: SourceInput }, ctx: GuideContext) => ctx.watch.updateSource(args.id, args.input),
    pauseWatchSource: (_: unknown, args: { id: string }, ctx: GuideContext) => ctx.watch.pauseSource(args.id),
    submitWatchItem: (_: unknown, args: { input: SubmitInput }, ctx: GuideContext) => ctx.watch.submit(args.input),
    curateWatchItem: (_: unknown, args: { id: string; status: WatchItemStatus; note?: string }, ctx: GuideContext) =>
      ctx.watch.curate(args.id, args.status, args.note),
    curateWatchItems: (_: unknown, args: { ids: string[]; status: WatchItemStatus; note?: string }, ctx: GuideContext) =>
      ctx.watch.curateMany(args.ids, args.status, args.note),
    updateWatchItem: (_: unknown, args: { id: string; input: ItemCorrection }, ctx: GuideContext) => ctx.watch.correct(args.id, args.input),
    ingestWatchItems: (_: unknown, args: { sourceId: string; items: IngestEntry[]; error?: string }, ctx: GuideContext) =>
      ctx.watch.ingest(args.sourceId, args.items, args.error),
  },
  WatchSource: {
    communes: (source: WatchSourceModel) => source.communeCodes.map((code) => ({ __typename: 'Commune', code })),
  },
  WatchItem: {
    __resolveReference: (ref: { id: string }, ctx: GuideContext) => ctx.watch.item(ref.id),
    source: (item: WatchItemModel, _: unknown, ctx: GuideContext) => ctx.watch.sourceOf(item),
    communes: (item: WatchItemModel) => item.communeCodes.map((code) => ({ __typename: 'Commune', code })),
    curatedBy: (item: WatchItemModel, _: unknown, ctx: GuideContext) =>
      ctx.watch.staff && item.curatedById ? { __typename: 'Member', id: item.curatedById } : null,
    curationNote: (item: WatchItemModel, _: unknown, ctx: GuideContext) => (ctx.watch.staff ? item.curationNote : null),
    submittedBy: (item: WatchItemModel, _: unknown, ctx: GuideContext) =>
      item.submittedById && (ctx.watch.staff || ctx.watch.isSubmitter(item)) ? { __typename: 'Member', id: item.submittedById } : null,
  },
};
