import { requireSelf, jsonScalarResolver } from '@metropotes/graphql-kit';
import type { Resolvers } from '../../generated/resolvers-types';

/** The events service's part of the member's data export (the `DataExport` entity is members'), for the member themself. */
export const dataExportResolvers: Resolvers = {
  JSON: jsonScalarResolver,
  DataExport: {
    __resolveReference: (ref, ctx) => ({ memberId: requireSelf(ctx.viewer, ref.memberId) }),
    events: (ref, _, ctx) => ctx.dataExport.ofMember(requireSelf(ctx.viewer, ref.memberId)),
  },
};
