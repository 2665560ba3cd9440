import { formatParisTime } from '@metropotes/french-time';
import { SCALES, SCALE_KEYS } from '@metropotes/graphql-kit';
import { markdownToText } from '@metropotes/markdown';
import { findCommune } from '@metropotes/territories';
import PDFDocument from 'pdfkit';
import { decodeEntities } from '../shared';

export interface PdfFiche {
  title: string;
  summary: string;
  body: string;
  scales: string[];
  steps: { title: string; text: string }[];
  actorNames: string[];
  communeCodes: string[];
  updatedAt: Date;
}

const MARGIN = 56;
/** Conservative: a contents line takes about 14 points of the 730 available on an A4 page. */
const TOC_LINES_PER_PAGE = 36;
const OTHER_SCALES = 'Toutes échelles';

/** The fiches grouped by their first scale (in the order quartier → région), by title within a group. */
export function groupByScale(fiches: PdfFiche[]): { label: string; fiches: PdfFiche[] }[] {
  const groups = new Map<string, PdfFiche[]>();
  for (const fiche of [...fiches].sort((a, b) => a.title.localeCompare(b.title, 'fr'))) {
    const scale = SCALE_KEYS.find((s) => fiche.scales.includes(s));
    const label = scale ? SCALES[scale] : OTHER_SCALES;
    groups.set(label, [...(groups.get(label) ?? []), fiche]);
  }
  const order = [...SCALE_KEYS.map((s) => SCALES[s] as string), OTHER_SCALES];
  return order.filter((label) => groups.has(label)).map((label) => ({ label, fiches: groups.get(label)! }));
}

/**
 * A day in Paris as the site and the e-mails write it (« dimanche 1er novembre 2026 »), the year always written: a
 * printed guide is read long after. No-break spaces within, so that a line never ends inside it.
 */
export const paperDate = (instant: Date): string => formatParisTime(instant, { style: 'date' }).replace(/ /g, '\u00a0');

const plain = (markdown: string) => decodeEntities(markdownToText(markdown));

/**
 * The published guide as one PDF: a cover, a table of contents by scale (with page numbers),
 * then each fiche (summary, text, steps, actors, communes). PDF bookmarks mirror the contents.
 * `now` (the service's clock) dates the edition: on the cover and as the document's creation date.
 */
export function renderGuidePdf(fiches: PdfFiche[], options: { compress?: boolean; now: Date }): Promise<Buffer> {
  const now = options.now;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: "Guide de l'action locale et métropolitaine",
      Author: "Métropop'!",
      Subject: 'Les fiches du guide des Métropotes',
      CreationDate: now,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const groups = groupByScale(fiches);

  // Cover.
  doc.font('Helvetica-Bold').fontSize(28).text("Guide de l'action locale et métropolitaine", MARGIN, 220, { width });
  doc.moveDown(1).font('Helvetica').fontSize(14).text('Comment agir, à chaque échelle, dans la métropole du Grand Paris.', { width });
  doc
    .moveDown(2)
    .fontSize(11)
    .fillColor('#555555')
    .text(`Métropop'! — édition du ${paperDate(now)}`)
    .text(`${fiches.length} fiche${fiches.length > 1 ? 's' : ''}`)
    .fillColor('black');

  // Room for the table of contents, written once the pages of the fiches are known.
  const tocLines = groups.reduce((n, g) => n + 2 + g.fiches.length, 2);
  const tocPages = Math.max(1, Math.ceil(tocLines / TOC_LINES_PER_PAGE));
  const tocStart = 1;
  for (let i = 0; i < tocPages; i += 1) doc.addPage();

  const pageOf = new Map<PdfFiche, number>();
  for (const group of groups) {
    doc.addPage();
    const section = doc.outline.addItem(group.label);
    doc.font('Helvetica-Bold').fontSize(22).text(group.label, { width });
    doc.moveDown(0.5);
    for (const [index, fiche] of group.fiches.entries()) {
      if (index > 0) doc.addPage();
      pageOf.set(fiche, doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1);
      section.addItem(fiche.title);
      renderFiche(doc, fiche, width);
    }
  }
  if (groups.length === 0) {
    doc.addPage().font('Helvetica').fontSize(12).text("Aucune fiche n'est publiée pour le moment.", { width });
  }

  // Table of contents.
  doc.switchToPage(tocStart);
  doc.font('Helvetica-Bold').fontSize(20).text('Sommaire', { width });
  doc.moveDown(0.8);
  let tocPage = tocStart;
  const ensureRoom = (height: number) => {
    if (doc.y + height > doc.page.height - MARGIN - 20 && tocPage < tocStart + tocPages - 1) {
      tocPage += 1;
      doc.switchToPage(tocPage);
      doc.y = MARGIN;
    }
  };
  for (const group of groups) {
    ensureRoom(40);
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(13).text(group.label, MARGIN, doc.y, { width });
    for (const fiche of group.fiches) {
      ensureRoom(16);
      const page = String(pageOf.get(fiche)! + 1);
      const y = doc.y;
      doc
        .font('Helvetica')
        .fontSize(11)
        .text(fiche.title, MARGIN + 12, y, { width: width - 60, lineBreak: false, ellipsis: true });
      doc.text(page, MARGIN, y, { width, align: 'right', lineBreak: false });
      doc.y = y + doc.currentLineHeight(true);
    }
  }

  // Page numbers (not on the cover).
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#777777')
      .text(`${i + 1} / ${range.count}`, MARGIN, doc.page.height - 36, { width, align: 'center', lineBreak: false })
      .fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function renderFiche(doc: PDFKit.PDFDocument, fiche: PdfFiche, width: number): void {
  doc.font('Helvetica-Bold').fontSize(17).text(fiche.title, MARGIN, doc.y, { width });
  const scales = fiche.scales.map((s) => SCALES[s as keyof typeof SCALES] ?? s).join(', ');
  if (scales) doc.moveDown(0.2).font('Helvetica').fontSize(9).fillColor('#555555').text(`Échelles : ${scales}`, { width }).fillColor('black');
  if (fiche.summary) doc.moveDown(0.5).font('Helvetica-Oblique').fontSize(11).text(fiche.summary, { width });
  doc.moveDown(0.6);
  renderMarkdown(doc, fiche.body, width);
  if (fiche.steps.length) {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text('Étapes', { width });
    fiche.steps.forEach((step, i) => {
      doc
        .moveDown(0.3)
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(`${i + 1}. ${step.title}`, { width });
      if (step.text.trim()) doc.font('Helvetica').fontSize(11).text(plain(step.text), { width, indent: 14 });
    });
  }
  if (fiche.actorNames.length) {
    doc
      .moveDown(0.6)
      .font('Helvetica-Bold')
      .fontSize(11)
      .text('Acteurs : ', { continued: true, width })
      .font('Helvetica')
      .text(fiche.actorNames.join(' ; '));
  }
  const communes = fiche.communeCodes.map((c) => findCommune(c)?.name ?? c);
  if (communes.length) {
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text('Communes : ', { continued: true, width }).font('Helvetica').text(communes.join(', '));
  }
  doc
    .moveDown(0.6)
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#777777')
    .text(`Mise à jour le ${paperDate(fiche.updatedAt)}`, { width })
    .fillColor('black');
}

/** A small Markdown layout: headings, bullet and numbered lists, paragraphs; inline marks dropped. */
function renderMarkdown(doc: PDFKit.PDFDocument, markdown: string, width: number): void {
  const blocks = markdown.replace(/\r\n/g, '\n').split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim());
    if (!lines.length) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0]!);
    if (heading && lines.length === 1) {
      doc
        .moveDown(0.4)
        .font('Helvetica-Bold')
        .fontSize(heading[1]!.length <= 2 ? 13 : 12)
        .text(plain(heading[2]!), { width });
      doc.moveDown(0.2);
      continue;
    }
    if (lines.every((l) => /^\s*([-*+]|\d+[.)])\s+/.test(l))) {
      doc.font('Helvetica').fontSize(11);
      for (const l of lines) {
        const numbered = /^\s*(\d+)[.)]\s+(.*)$/.exec(l);
        const text = plain(numbered ? numbered[2]! : l.replace(/^\s*[-*+]\s+/, ''));
        doc.text(`${numbered ? `${numbered[1]}.` : '•'} ${text}`, { width, indent: 10 });
      }
      doc.moveDown(0.4);
      continue;
    }
    doc.font('Helvetica').fontSize(11).text(plain(block), { width, align: 'justify' });
    doc.moveDown(0.5);
  }
}
