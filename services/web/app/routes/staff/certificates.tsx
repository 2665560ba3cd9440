import { Form } from 'react-router';
import { SubmitButton, TextField, type FormResultView } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import { failureResponse, gatewayRequest } from '../../graphql/gateway.server';
import { EVENT_KIND_LABELS } from '../../lib/event-labels';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { staticPage } from '../../lib/static-page';
import { formatParisTime } from '../../lib/display-time';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/certificates';

export const handle = staticPage;
export const headers = retryAfterHeaders;

/**
 * /equipe/attestations (issue #19): staff check a participation certificate a member shows (a CV, a service civique
 * file) with the verification code printed on it. A GET form (`?code=`), so the address can be shared; the events
 * service checks staff's role again and says whether the code is malformed (its French message, next to the field).
 */
const VerifyCertificateQuery = graphql(`
  query StaffVerifyCertificate($code: String!) {
    participationCertificate(code: $code) {
      ...CertificateContent
    }
  }
`);

const LABEL = 'Code de vérification';

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Vérifier une attestation (équipe)') }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const typed = (new URL(request.url).searchParams.get('code') ?? '').trim();
  if (!typed) return { typed, certificate: null, error: null };
  const result = await gatewayRequest(context, VerifyCertificateQuery, { code: typed });
  if (!result.ok) {
    const error = result.failure.fieldErrors.code;
    if (!error) throw failureResponse(result.failure);
    return { typed, certificate: null, error };
  }
  const certificate = result.data.participationCertificate;
  if (!certificate)
    return {
      typed,
      certificate: null,
      error: `Aucune attestation ne porte le code « ${typed} » : vérifiez-le, ou l'attestation a été retirée avec le compte de son ou sa titulaire.`,
    };
  return { typed, certificate, error: null };
}

export default function StaffCertificatesPage({ loaderData }: Route.ComponentProps) {
  const { typed, certificate, error } = loaderData;
  const now = useNow();
  const result: FormResultView = { fieldErrors: error ? { code: error } : {}, values: { code: typed } };
  return (
    <div className="page">
      <h1>Vérifier une attestation</h1>
      <p>
        Les membres téléchargent une attestation de participation (les rendez-vous où leur présence a été notée et les compétences acquises).
        Saisissez le code de vérification imprimé en bas de l'attestation pour retrouver ce qu'elle disait quand elle a été délivrée.
      </p>
      <Form method="get" noValidate className="form">
        <TextField
          name="code"
          label={LABEL}
          required
          maxLength={40}
          result={result}
          hint="12 lettres et chiffres, par exemple ACDE-FGHJ-KMNP (majuscules et tirets facultatifs)."
        />
        <SubmitButton pendingText="Vérification…">Vérifier</SubmitButton>
      </Form>
      {certificate ? (
        <section aria-labelledby="titre-attestation" className="mod-section">
          <h2 id="titre-attestation">Attestation {certificate.code}</h2>
          <p role="status" className="notice notice--success">
            Cette attestation est authentique : délivrée à <strong>{certificate.member.displayName}</strong> le{' '}
            {formatParisTime(certificate.issuedAt, { now })}.
          </p>
          <p>
            Période : du {formatParisTime(certificate.periodStart, { style: 'date', now })} au{' '}
            {formatParisTime(certificate.periodEnd, { style: 'date', now })}.
          </p>
          <h3>Rendez-vous suivis ({certificate.events.length})</h3>
          <ul className="past-list">
            {certificate.events.map((event, i) => (
              <li key={i}>
                {formatParisTime(event.startsAt, { style: 'date', now })} : {event.title} ({EVENT_KIND_LABELS[event.kind]},{' '}
                {event.communeName ?? 'en ligne'})
              </li>
            ))}
          </ul>
          <h3>Compétences acquises</h3>
          {certificate.skills.length ? (
            <ul className="skill-list">
              {certificate.skills.map((skill) => (
                <li key={skill.name}>
                  <strong>{skill.name}</strong>, acquise le {formatParisTime(skill.gainedAt, { style: 'date', now })} ({skill.eventTitle})
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucune compétence attestée.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
