import type { Resolvers } from '../../generated/resolvers-types';
import { toParisIso } from '../../lib/paris-time';

export const certificateResolvers: Resolvers = {
  Query: {
    participationCertificate: (_, args, ctx) => ctx.certificates.byCode(args.code),
  },
  Mutation: {
    issueParticipationCertificate: (_, __, ctx) => ctx.certificates.issue(),
  },
  ParticipationCertificate: {
    member: (certificate) => ({ __typename: 'Member', id: certificate.memberId }),
  },
  CertificateEvent: {
    startsAtLocal: (event) => toParisIso(event.startsAt),
  },
};
