import { randomInt } from 'node:crypto';
import { CHECK_IN_ALPHABET } from '../attendance';

/**
 * Verification codes of certificates: 12 characters of the check-in alphabet (24 signs that cannot be read as one
 * another), drawn with crypto.randomInt: 24^12 ≈ 3.7 × 10^16 codes (55 bits), not derived from anything, so not
 * guessable; unique (a unique index, a new draw on the rare clash). Shown in three groups of four.
 */
export const CERTIFICATE_CODE_LENGTH = 12;
const GROUP = 4;
const STORED = new RegExp(`^[${CHECK_IN_ALPHABET}]{${CERTIFICATE_CODE_LENGTH}}$`);

/** A new code, as stored (no dashes). */
export function newCertificateCode(): string {
  let code = '';
  for (let i = 0; i < CERTIFICATE_CODE_LENGTH; i++) code += CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)];
  return code;
}

/** As printed and returned: ACDE-FGHJ-KMNP. */
export const formatCertificateCode = (stored: string): string => stored.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/** What someone typed, as stored (upper case, spaces and dashes left out), or null when it cannot be a code. */
export function parseCertificateCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return STORED.test(code) ? code : null;
}
