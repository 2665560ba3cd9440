import type { Resolvers } from '../../generated/resolvers-types';

export const digestPreviewResolvers: Resolvers = {
  Query: {
    previewDigest: (_, args, ctx) => ctx.digestPreviews.preview(args.memberId, args.period),
  },
};
