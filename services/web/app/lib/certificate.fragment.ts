import { graphql } from '../graphql/generated';

/**
 * What a participation certificate says, as the member downloads it (routes/my-certificate-pdf.ts) and as staff
 * check it by its code (routes/staff/certificates.tsx): one selection, so the two never disagree.
 */
export const CertificateContentFragment = graphql(`
  fragment CertificateContent on ParticipationCertificate {
    code
    issuedAt
    periodStart
    periodEnd
    member {
      id
      displayName
    }
    events {
      title
      kind
      startsAt
      communeName
    }
    skills {
      name
      gainedAt
      eventTitle
    }
  }
`);
