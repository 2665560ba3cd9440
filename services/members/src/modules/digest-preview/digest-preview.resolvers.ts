import type { MembersContext } from '../../context';
import type { DigestPreviewService } from './digest-preview.service';

export interface DigestPreviewContext {
  digestPreviews: DigestPreviewService;
}

export const digestPreviewResolvers = {
  Query: {
    previewDigest: (_: unknown, args: { memberId: string; period?: string | null }, ctx: MembersContext & DigestPreviewContext) =>
      ctx.digestPreviews.preview(args.memberId, args.period),
  },
};
