import { subgraphResolversConfig } from '../../scripts/codegen-config';
import { typeDefs } from './src/schema';

/** guide's resolver types, from the SDL it serves (scripts/codegen-config.ts). */
export default subgraphResolversConfig(__dirname, typeDefs, {
  contextType: '../context#GuideContext',
  mappers: {
    Actor: '../modules/actors/actor.mapper#ActorModel',
    ActorConnection: '../modules/actors/actor.mapper#ActorConnectionModel',
    GuideArticle: '../modules/articles/article.mapper#ArticleModel',
    GuideArticleConnection: '../modules/articles/article.mapper#ArticleConnectionModel',
    GuideRevision: '../modules/articles/article.mapper#RevisionModel',
    GuideStep: '../modules/articles/article.mapper#StepModel',
    GuideProposedRevision: '../modules/proposed-revisions/proposed-revision.mapper#ProposedRevisionModel',
    GuideProposedRevisionConnection: '../modules/proposed-revisions/proposed-revision.mapper#ProposedRevisionConnectionModel',
    WatchSource: '../modules/watch/watch.mapper#WatchSourceModel',
    WatchItem: '../modules/watch/watch.mapper#WatchItemModel',
    WatchItemConnection: '../modules/watch/watch.mapper#WatchItemConnectionModel',
    Member: '../modules/shared/references#MemberRef',
    DataExport: '../modules/data-export/data-export.mapper#DataExportRef',
  },
});
