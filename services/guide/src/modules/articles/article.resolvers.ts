import { renderMarkdown } from '@metropotes/markdown';
import type { Resolvers } from '../../generated/resolvers-types';

export const articleResolvers: Resolvers = {
  Query: {
    guideArticle: (_, args, ctx) => ctx.articles.visible(args),
    guideArticles: (_, args, ctx) => ctx.articles.list(args.filter, args.first, args.after),
    searchGuide: (_, args, ctx) => ctx.articles.search(args.query, args.first),
  },
  Mutation: {
    createGuideArticle: (_, args, ctx) => ctx.articles.create(args.input),
    updateGuideArticle: (_, args, ctx) => ctx.articles.update(args.id, args.input),
    submitGuideArticle: (_, args, ctx) => ctx.articles.submit(args.id),
    publishGuideArticle: (_, args, ctx) => ctx.articles.publish(args.id),
    archiveGuideArticle: (_, args, ctx) => ctx.articles.archive(args.id),
    returnGuideArticleToDraft: (_, args, ctx) => ctx.articles.returnToDraft(args.id, args.reason),
    eraseMemberFromGuide: (_, args, ctx) => ctx.articles.eraseMember(args.memberId),
  },
  GuideArticle: {
    __resolveReference: (ref, ctx) => ctx.articles.visible({ id: ref.id }),
    bodyHtml: (article) => renderMarkdown(article.body),
    authors: (article) => article.authorIds.map((id) => ({ __typename: 'Member', id })),
    communes: (article) => article.communeCodes.map((code) => ({ __typename: 'Commune', code })),
    actors: (article, _, ctx) => ctx.actors.byIds(article.actorIds),
    revisions: (article, _, ctx) => ctx.articles.revisions(article),
    reviewNote: (article, _, ctx) => ctx.articles.reviewNote(article),
  },
  GuideStep: {
    textHtml: (step) => renderMarkdown(step.text),
  },
  GuideRevision: {
    editedBy: (revision) => (revision.editedById ? { __typename: 'Member', id: revision.editedById } : null),
  },
  Member: {
    guideArticles: (member, _, ctx) => ctx.articles.byAuthorVisible(member.id),
  },
};
