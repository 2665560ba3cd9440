import type { EventsContext } from '../../context';
import { toParisIso } from '../../lib/paris-time';
import type { CertificateModel } from './certificate.service';

export const certificateResolvers = {
  Query: {
    participationCertificate: (_: unknown, args: { code: string }, ctx: EventsContext) => ctx.certificates.byCode(args.code),
  },
  Mutation: {
    issueParticipationCertificate: (_: unknown, __: unknown, ctx: EventsContext) => ctx.certificates.issue(),
  },
  ParticipationCertificate: {
    member: (certificate: CertificateModel) => ({ __typename: 'Member', id: certificate.memberId }),
  },
  CertificateEvent: {
    startsAtLocal: (event: CertificateModel['events'][number]) => toParisIso(event.startsAt),
  },
};
