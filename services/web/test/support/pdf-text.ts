import { inflateSync } from 'node:zlib';

/** WinAnsiEncoding bytes 0x80–0x9F that differ from Latin-1 (the ones pdfkit's standard fonts may write). */
const WIN_ANSI: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x95: '•',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
  0x9c: 'œ',
  0x8c: 'Œ',
};

/**
 * The text a PDF made by pdfkit with its standard fonts shows, read without a PDF library: each content stream is
 * inflated (FlateDecode) when compressed, and the hex strings of its TJ operators decoded from WinAnsi; one text
 * operator per line, its pieces (split by kerning) joined. Enough to check what a page says, not a general parser.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const contents: string[] = [];
  const stream = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = stream.exec(raw))) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    const dictionary = raw.slice(raw.lastIndexOf('<<', match.index), match.index);
    try {
      contents.push((dictionary.includes('/FlateDecode') ? inflateSync(bytes) : bytes).toString('latin1'));
    } catch {
      // not a stream we can read (an image, a font): no text there
    }
    stream.lastIndex = end;
  }
  const lines: string[] = [];
  for (const content of contents) {
    for (const operator of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const pieces = [...operator[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) =>
        [...Buffer.from(hex[1]!, 'hex')].map((byte) => WIN_ANSI[byte] ?? String.fromCharCode(byte)).join(''),
      );
      lines.push(pieces.join(''));
    }
  }
  return lines.join('\n');
}

/** The same text on one line, spaces collapsed: what a sentence or a title wrapped over lines reads as. */
export const pdfPlainText = (pdf: Buffer): string => pdfText(pdf).replace(/\s+/g, ' ');
