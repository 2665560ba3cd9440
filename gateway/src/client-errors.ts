/**
 * graphql-js words its refusals of a malformed request in English ("Variable "$f" got invalid value…"), at the
 * gateway (built-in scalars, enums, required variables) and in a subgraph (our custom scalars: DateTime,
 * EmailAddress…). The API speaks French to people (API-CONVENTIONS.md): this turns the common ones into a French
 * sentence naming the field (`extensions.field`), and keeps graphql-js's text in `extensions.detail` for the client's
 * developers (it names only the client's own variables and the public schema).
 */

type Formatted = { message: string; extensions?: Record<string, unknown>; locations?: unknown; path?: unknown };

const VARIABLE_INVALID = /^Variable "\$(\w+)" got invalid value (.*?)(?: at "([^"]+)")?; ([\s\S]*)$/;
const VARIABLE_MISSING = /^Variable "\$(\w+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\.$/;
const ARGUMENT_MISSING = /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\.$/;
const LITERAL_INVALID = /^Expected value of type "([^"]+)", found ([\s\S]*?)(?:; ([\s\S]*)|\.)$/;
const ENUM_LITERAL = /^Value "([^"]*)" does not exist in "(\w+)" enum\.$/;
const INPUT_FIELD_MISSING = /^Field "([\w.]+)" of required type "[^"]+" was not provided\.$/;
const INPUT_FIELD_UNKNOWN = /^Field "(\w+)" is not defined by type "\w+"\.$/;
const SCALAR_REFUSAL = /cannot represent|is not a valid|Value is not|Invalid URL|must be a|cannot be an empty/i;

/** What was expected, in French, from graphql-js's reason (and the type it names, when it does). */
function expected(reason: string, type = ''): string {
  const text = `${type} ${reason}`;
  if (/DateTime|date-time/i.test(text)) return 'une date et une heure au format ISO 8601 sont attendues (par exemple 2026-12-05T18:30:00+01:00)';
  if (/\bDate\b/.test(text)) return 'une date au format AAAA-MM-JJ est attendue (par exemple 2026-12-05)';
  if (/EmailAddress|email/i.test(text)) return 'une adresse e-mail valide est attendue';
  if (/Latitude/i.test(text)) return 'une latitude entre -90 et 90 est attendue';
  if (/Longitude/i.test(text)) return 'une longitude entre -180 et 180 est attendue';
  if (/\bURL\b/i.test(text)) return 'une adresse web complète est attendue (https://…)';
  if (/NonEmptyString|empty string/i.test(text)) return 'un texte non vide est attendu';
  if (/PositiveInt|positive/i.test(text)) return 'un nombre entier positif est attendu';
  if (/\bInt\b|integer/i.test(text)) return 'un nombre entier est attendu';
  if (/\bFloat\b/.test(text)) return 'un nombre est attendu';
  if (/\bBoolean\b/.test(text)) return 'true ou false est attendu';
  if (/\bID\b/.test(text)) return 'un identifiant est attendu';
  if (/\bString\b/.test(text)) return 'un texte est attendu';
  const unknownEnum = /does not exist in "(\w+)" enum/.exec(text);
  if (unknownEnum) return `cette valeur ne fait pas partie de la liste ${unknownEnum[1]}`;
  const missing = /Field "(\w+)" of required type "[^"]+" was not provided/.exec(text);
  if (missing) return `le champ « ${missing[1]} » est obligatoire`;
  const unknown = /Field "(\w+)" is not defined by type/.exec(text);
  if (unknown) return `le champ « ${unknown[1]} » n'existe pas`;
  if (/not to be null|must not be null/.test(text)) return 'une valeur est obligatoire';
  return "cette valeur n'est pas acceptée";
}

function french(formatted: Formatted, message: string, field?: string): Formatted {
  return {
    ...formatted,
    message,
    extensions: { ...formatted.extensions, ...(field ? { field } : {}), detail: formatted.message },
  };
}

/** The same error, in French when it is one of graphql-js's refusals of the request's values. */
export function frenchClientError<T extends Formatted>(formatted: T): T {
  const code = formatted.extensions?.code;
  if (code !== 'BAD_USER_INPUT' && code !== 'GRAPHQL_VALIDATION_FAILED') return formatted;
  const m = formatted.message;
  let match: RegExpExecArray | null;
  if ((match = VARIABLE_INVALID.exec(m))) {
    const field = match[3] ?? match[1]!;
    return french(formatted, `La valeur donnée pour « ${field} » n'est pas valide : ${expected(match[4]!)}.`, field) as T;
  }
  if ((match = VARIABLE_MISSING.exec(m))) {
    return french(formatted, `La variable « ${match[1]} » est obligatoire.`, match[1]) as T;
  }
  if ((match = ARGUMENT_MISSING.exec(m))) {
    return french(formatted, `L'argument « ${match[2]} » de « ${match[1]} » est obligatoire.`, match[2]) as T;
  }
  if ((match = ENUM_LITERAL.exec(m))) {
    return french(formatted, `La valeur « ${match[1]} » ne fait pas partie de la liste ${match[2]}.`) as T;
  }
  if ((match = LITERAL_INVALID.exec(m))) {
    return french(formatted, `La valeur ${match[2]} n'est pas valide : ${expected(match[3] ?? '', match[1])}.`) as T;
  }
  if ((match = INPUT_FIELD_MISSING.exec(m))) {
    return french(formatted, `Le champ « ${match[1]} » est obligatoire.`, match[1]) as T;
  }
  if ((match = INPUT_FIELD_UNKNOWN.exec(m))) {
    return french(formatted, `Le champ « ${match[1]} » n'existe pas.`, match[1]) as T;
  }
  // A custom scalar's own refusal of a literal ("DateTime cannot represent an invalid date-time-string hier.").
  if (SCALAR_REFUSAL.test(m)) return french(formatted, `Une valeur de la requête n'est pas valide : ${expected(m)}.`) as T;
  return formatted;
}
