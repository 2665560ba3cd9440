import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be read as one another (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const CHECK_IN_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3469';
export const CHECK_IN_CODE_LENGTH = 6;

/** A new random code (crypto.randomInt): not derived from the event, so not guessable from its id. */
export function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < CHECK_IN_CODE_LENGTH; i++) code += CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)];
  return code;
}

/** What a member typed, as compared: upper case, spaces and dashes left out. */
export const normaliseCheckInCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');
