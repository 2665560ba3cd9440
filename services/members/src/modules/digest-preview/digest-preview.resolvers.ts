import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import type { MembersContext } from '../../context';
import { DigestPreviewService } from './digest-preview.service';

export interface DigestPreviewContext {
  digestPreviews: DigestPreviewService;
}

export function digestPreviewContext(base: BaseContext, deps: ServiceDeps, members: MembersContext['members'], timeoutMs: number): DigestPreviewContext {
  return { digestPreviews: new DigestPreviewService(base.viewer, members, deps.jobs, timeoutMs, deps.clock) };
}

export const digestPreviewResolvers = {
  Query: {
    previewDigest: (_: unknown, args: { memberId: string; period?: string | null }, ctx: MembersContext & DigestPreviewContext) =>
      ctx.digestPreviews.preview(args.memberId, args.period),
  },
};
