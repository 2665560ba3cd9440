import { formatParisTime } from '@metropotes/french-time';
import PDFDocument from 'pdfkit';
import { EVENT_KIND_LABELS } from './event-labels';
import type { EventKind } from '../graphql/generated/graphql';

/** What the certificate prints (issueParticipationCertificate, with the member's name from the gateway). */
export interface CertificatePdfData {
  code: string;
  issuedAt: string;
  periodStart: string;
  periodEnd: string;
  memberName: string;
  events: { title: string; kind: EventKind; startsAt: string; communeName: string | null }[];
  skills: { name: string; gainedAt: string; eventTitle: string }[];
}

export const ASSOCIATION_NAME = "Métropop'!";
const MARGIN = 56;
const GREY = '#555555';

/** « 3 décembre 2026 », in Paris time. */
const day = (instant: string) => formatParisTime(instant, { style: 'date' }).replace(/^\S+ /, '');

/**
 * The participation certificate as an A4 PDF, in French, to print or join to a CV (issue #19): the association, the
 * member, the period, the events attended (date in Paris time, title, kind, commune), the skills gained, the issue
 * date and the verification code with where staff check it (`verifyUrl`). Rendered with pdfkit, as the guide's PDF.
 */
export function renderCertificatePdf(certificate: CertificatePdfData, options: { verifyUrl: string; compress?: boolean }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: {
      Title: `Attestation de participation — ${certificate.memberName}`,
      Author: `Les Métropotes (association ${ASSOCIATION_NAME})`,
      Subject: 'Attestation de participation aux activités du réseau des Métropotes',
      CreationDate: new Date(certificate.issuedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(GREY)
    .text(`Association ${ASSOCIATION_NAME} — Les Métropotes, le réseau citoyen de la métropole parisienne`, { width });
  doc.fillColor('black').moveDown(2);
  doc.font('Helvetica-Bold').fontSize(22).text('Attestation de participation', { width, align: 'center' });
  doc.moveDown(1.5);

  const from = day(certificate.periodStart);
  const to = day(certificate.periodEnd);
  const period = from === to ? `le ${from}` : `du ${from} au ${to}`;
  const count = certificate.events.length;
  doc
    .font('Helvetica')
    .fontSize(12)
    .text(`L'association ${ASSOCIATION_NAME}, qui anime le réseau des Métropotes, atteste que `, { width, continued: true })
    .font('Helvetica-Bold')
    .text(certificate.memberName, { continued: true })
    .font('Helvetica')
    .text(
      ` a participé à ${count} ${count > 1 ? 'activités' : 'activité'} du réseau ${period}, comme la liste ci-dessous le détaille (présence notée par l'équipe ou l'organisateur·rice).`,
    );

  doc.moveDown(1.2).font('Helvetica-Bold').fontSize(14).text('Activités suivies', { width });
  doc.moveDown(0.4);
  for (const event of certificate.events) {
    const place = event.communeName ?? 'en ligne';
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(`${day(event.startsAt)} — `, { width, continued: true })
      .font('Helvetica')
      .text(`${event.title} (${EVENT_KIND_LABELS[event.kind]}, ${place})`);
    doc.moveDown(0.2);
  }

  doc.moveDown(1).font('Helvetica-Bold').fontSize(14).text('Compétences acquises', { width });
  doc.moveDown(0.4).font('Helvetica').fontSize(11);
  if (certificate.skills.length) {
    for (const skill of certificate.skills) {
      doc
        .font('Helvetica-Bold')
        .text(`• ${skill.name}`, { width, continued: true })
        .font('Helvetica')
        .text(` — acquise le ${day(skill.gainedAt)} (${skill.eventTitle})`);
    }
  } else {
    doc.text('Aucune compétence attestée : elles viennent avec les formations et ateliers suivis.', { width });
  }

  doc
    .moveDown(2)
    .font('Helvetica')
    .fontSize(11)
    .text(`Fait le ${day(certificate.issuedAt)}, pour servir et valoir ce que de droit.`, { width });
  doc.moveDown(2).font('Helvetica-Bold').fontSize(11).text(`Code de vérification : ${certificate.code}`, { width });
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(GREY)
    .text(`L'équipe de l'association vérifie cette attestation en saisissant ce code sur ${options.verifyUrl} (ou en écrivant à l'association).`, {
      width,
    })
    .fillColor('black');
  doc.end();
  return done;
}
