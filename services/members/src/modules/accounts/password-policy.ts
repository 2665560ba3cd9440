import { badInput } from '@metropotes/graphql-kit';
import { foldName } from '@metropotes/territories';

export const MIN_PASSWORD_LENGTH = 10;

/** Refuses a weak password, saying why (in French). `field` names the input field in the error. */
export function assertStrongPassword(password: string, context: { email?: string; displayName?: string; field?: string } = {}): void {
  const field = context.field ?? 'password';
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(`Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`, field);
  }
  if (password.length > 256) throw badInput('Le mot de passe ne doit pas dépasser 256 caractères.', field);
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 3) {
    throw badInput('Le mot de passe doit mêler au moins trois types de caractères parmi : minuscules, majuscules, chiffres, symboles.', field);
  }
  if (new Set(password).size < 5) throw badInput('Le mot de passe répète trop les mêmes caractères.', field);
  const lower = password.toLowerCase();
  const folded = foldName(password).replace(/ /g, '');
  const local = context.email?.split('@')[0]?.toLowerCase();
  // Each word of the display name (accents folded), as people often reuse their name.
  const nameWords = foldName(context.displayName ?? '')
    .split(' ')
    .filter((word) => word.length >= 4);
  if (
    (local && local.length >= 4 && lower.includes(local)) ||
    nameWords.some((word) => folded.includes(word)) ||
    /motdepasse|password|azerty|qwerty|123456/.test(lower)
  ) {
    throw badInput('Le mot de passe est trop facile à deviner (il reprend votre adresse, votre nom ou un mot courant).', field);
  }
}
