import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { groupByScale, renderGuidePdf, type PdfFiche } from '../src/modules/pdf/guide-pdf';
import { createArticle, publishArticle } from './helpers';

const fiche = (title: string, scales: string[]): PdfFiche => ({
  title,
  summary: 'Un résumé.',
  body: '## Pourquoi\n\nUn paragraphe avec **du gras**.\n\n- un\n- deux',
  scales,
  steps: [{ title: 'Commencer', text: 'Tout de suite.' }],
  actorNames: ['Mairie'],
  communeCodes: ['93039'],
  updatedAt: new Date('2026-11-01T10:00:00Z'),
});

/** The document's creation date (the edition's date), as pdfkit writes it: (D:YYYYMMDDHHmmSSZ). */
const creationDate = (pdf: string): Date | null => {
  const m = /\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z\)/.exec(pdf);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : null;
};

/**
 * The lines of text an uncompressed PDF shows: each TJ array's hex strings, decoded (pdfkit writes the standard
 * fonts' text in WinAnsi, i.e. windows-1252), the kerning between them dropped.
 */
const shownLines = (pdf: string): string[] =>
  [...pdf.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\] TJ/g)].map((m) =>
    [...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((hex) => new TextDecoder('windows-1252').decode(Buffer.from(hex[1]!, 'hex'))).join(''),
  );

describe('guide: the PDF of the guide', () => {
  it('groups fiches by their first scale, from quartier to région, then fiches without scale', () => {
    const groups = groupByScale([fiche('B', ['REGION', 'COMMUNE']), fiche('A', ['COMMUNE']), fiche('C', []), fiche('D', ['QUARTIER'])]);
    expect(groups.map((g) => [g.label, g.fiches.map((f) => f.title)])).toEqual([
      ['Quartier', ['D']],
      ['Commune', ['A', 'B']],
      ['Toutes échelles', ['C']],
    ]);
  });

  it('lays out a cover, a table of contents, one page per fiche and bookmarks', async () => {
    const now = new Date('2026-11-15T09:30:00Z');
    const pdf = (await renderGuidePdf([fiche('Alpha', ['COMMUNE']), fiche('Beta', ['QUARTIER'])], { compress: false, now })).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    // The edition is dated by the `now` given (the service's clock), not by the machine's.
    expect(creationDate(pdf)).toEqual(now);
    // Cover, contents, Quartier (Beta), Commune (Alpha).
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(4);
    expect(pdf).toContain('(Alpha)');
    expect(pdf).toContain('(Beta)');
  });

  it("writes its dates the way the site and the e-mails do, in Paris, a date never split at a line's end", async () => {
    // 23:30 UTC is already the next day in Paris; the fiche was last changed on the 1st (« 1er »).
    const now = new Date('2026-11-14T23:30:00Z');
    const lines = shownLines((await renderGuidePdf([fiche('Alpha', ['COMMUNE'])], { compress: false, now })).toString('latin1'));
    expect(lines).toContain("Métropop'! — édition du dimanche\u00a015\u00a0novembre\u00a02026");
    expect(lines).toContain('Mise à jour le dimanche\u00a01er\u00a0novembre\u00a02026');
  });

  // Through the gateway, which forwards /guide.pdf to the subgraph (gateway/src/http-routes.ts) with its ETag.
  describe('GET /guide.pdf', () => {
    let system: TestSystem;
    let author: TestMember;
    let staff: TestMember;

    beforeAll(async () => {
      system = await startTestSystem();
      [author, staff] = await Promise.all([system.signUp(), system.signUp({ role: 'STAFF' })]);
      for (const [title, scales] of [
        ['Monter un conseil citoyen', ['QUARTIER']],
        ['Proposer un projet au budget participatif', ['COMMUNE']],
      ] as const) {
        const article = await createArticle(system, author.token, { title, scales, body: 'Du texte.', steps: [{ title: 'Un', text: 'Deux' }] });
        await publishArticle(system, staff.token, article.id);
      }
      await createArticle(system, author.token, { title: 'Brouillon secret', scales: ['COMMUNE'] });
    });
    afterAll(() => system?.stop());

    it('serves the published fiches as a PDF to anyone, dated by their last change', async () => {
      const res = await fetch(new URL('/guide.pdf', system.origin));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('etag')).toMatch(/^"guide-[0-9a-f]{32}"$/);
      const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
      expect(body.startsWith('%PDF-')).toBe(true);
      expect(body).toContain('(Monter un conseil citoyen)');
      expect(body).toContain('(Proposer un projet au budget participatif)');
      expect(body).not.toContain('Brouillon secret');
      const { rows } = await system.db.query<{ last: Date }>(
        `SELECT max(updated_at) AS last FROM guide.articles WHERE status = 'PUBLISHED' AND moderation_state = 'VISIBLE'`,
      );
      expect(creationDate(body)).toEqual(new Date(Math.floor(rows[0]!.last.getTime() / 1000) * 1000));
    });

    it('is rendered once per change: the same edition (or 304) until a fiche changes, then a new one', async () => {
      const url = new URL('/guide.pdf', system.origin);
      const queries = () => system.subgraphs.guide.deps.queries.count;
      const first = await fetch(url);
      const etag = first.headers.get('etag')!;
      const bytes = Buffer.from(await first.arrayBuffer());

      // Again: one fingerprint statement, the same bytes; with the ETag, 304 and no body.
      let before = queries();
      const again = await fetch(url);
      expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
      expect(again.headers.get('etag')).toBe(etag);
      expect(queries() - before).toBe(1);
      before = queries();
      // As a browser revalidates (fetch itself would add Cache-Control: no-cache to a conditional request).
      const conditional = await fetch(url, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
      expect(conditional.status).toBe(304);
      expect((await conditional.arrayBuffer()).byteLength).toBe(0);
      expect(queries() - before).toBe(1);

      // A new fiche is published: a new edition with it.
      const article = await createArticle(system, author.token, {
        title: 'Organiser une balade urbaine',
        scales: ['COMMUNE'],
        body: 'Du texte.',
        steps: [{ title: 'Un', text: 'Deux' }],
      });
      await publishArticle(system, staff.token, article.id);
      const changed = await fetch(url, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(Buffer.from(await changed.arrayBuffer()).toString('latin1')).toContain('(Organiser une balade urbaine)');
    });

    it('is only answered behind the gateway', async () => {
      const res = await fetch(new URL('/guide.pdf', system.subgraphs.guide.url));
      expect(res.status).toBe(401);
    });
  });
});
