import { redirect } from 'react-router';
import { graphql } from '../graphql/generated';
import { failureResponse, gatewayRequest } from '../graphql/gateway.server';
import { renderCertificatePdf } from '../lib/certificate-pdf.server';
import { webContext } from '../lib/web-context.server';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/my-certificate-pdf';

/** Issues (or reuses: the events service keeps the latest while nothing changed) the member's certificate. */
const IssueCertificate = graphql(`
  mutation IssueParticipationCertificate {
    issueParticipationCertificate {
      ...CertificateContent
    }
  }
`);

export const CERTIFICATE_CHECK_PATH = '/equipe/attestations';
const LOG_IN = '/connexion?retour=%2Fmoi%2Fattestation.pdf';

/**
 * /moi/attestation.pdf (issue #19): the signed-in member's participation certificate as a PDF to download (a visitor
 * logs in first, then comes back here). A GET that issues: the events service returns the member's latest certificate
 * again while nothing it lists changed, so downloading twice makes one certificate. A member never marked present
 * is sent back to « Mon parcours », which says why there is no certificate yet.
 */
export async function loader({ context }: Route.LoaderArgs) {
  if (!currentSession(context)) throw redirect(LOG_IN);
  const result = await gatewayRequest(context, IssueCertificate, {});
  if (!result.ok) {
    if (result.failure.code === 'UNAUTHENTICATED') throw redirect(LOG_IN);
    // Never marked present: nothing to certify, said on /moi (« Mon parcours »).
    if (result.failure.code === 'NOT_FOUND') throw redirect('/moi?attestation=aucune#titre-parcours');
    throw failureResponse(result.failure);
  }
  const certificate = result.data.issueParticipationCertificate;
  const web = context.get(webContext);
  const pdf = await renderCertificatePdf(
    { ...certificate, memberName: certificate.member.displayName },
    { verifyUrl: new URL(CERTIFICATE_CHECK_PATH, web.publicUrl).toString() },
  );
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="attestation-metropotes.pdf"',
      'cache-control': 'private, no-store',
    },
  });
}
