import { z } from 'zod';

export { z };

/** Defaults that work on a developer machine where Postgres and Redis run locally. */
/**
 * Where people reach the platform outside production: the web site (services/web, port 3000). Links in e-mails and
 * calendar feeds point there; it forwards the gateway's own routes (/calendar/<secret>.ics, /guide.pdf,
 * /unsubscribe/<token>). `npm start` sets PUBLIC_URL to the same address.
 */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';
export const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/metropotes';
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

/** Variables every process shares. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Development and tests only: the process's clock starts at this instant (ISO 8601 with an offset) and moves on. */
  CLOCK_START: z.iso.datetime({ offset: true }).optional(),
};

/**
 * How a process retries the jobs it enqueues (@metropotes/jobs' `JobQueues`): `JOB_ATTEMPTS` runs in all, the first
 * retry `JOB_BACKOFF_MS` after a failure, doubling each time (8 and 2 s: about 8.5 minutes in all). A job born of a
 * change that fails them all is kept dead by the workers and run again later (services/workers/README.md).
 */
export const jobRetryEnv = {
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  JOB_BACKOFF_MS: z.coerce.number().int().min(0).default(2_000),
};

/** The retry settings read from `jobRetryEnv`'s variables. */
export interface JobRetry {
  attempts: number;
  backoffMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.join('\n')}`);
  }
}

/**
 * Parses `source` (process.env by default) with a zod object shape.
 * Every problem is reported, one line per variable, naming the variable and what is expected.
 */
/**
 * What a process needs set explicitly in production (NODE_ENV=production): variable name → what it is. Outside
 * production, defaults and generated development secrets stand in; in production a process never runs open.
 */
export type ProductionRequirements = Record<string, string>;

export function parseEnv<S extends z.ZodRawShape>(
  shape: S,
  source: Record<string, string | undefined> = process.env,
  productionRequires: ProductionRequirements = {},
): z.infer<z.ZodObject<S>> {
  // Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = z.object(shape).safeParse(cleaned);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const got = cleaned[String(issue.path[0])];
        return `${name}: ${issue.message}${got === undefined ? ' (not set)' : ` (got "${got}")`}`;
      });
  if (cleaned.NODE_ENV === 'production') {
    if (cleaned.CLOCK_START !== undefined)
      problems.push(`CLOCK_START: development and tests only; production runs on the real time (got "${cleaned.CLOCK_START}")`);
    for (const [name, what] of Object.entries(productionRequires)) {
      if (cleaned[name] === undefined) problems.push(`${name}: required in production: ${what} (not set)`);
    }
  }
  if (result.success && !problems.length) return result.data;
  throw new ConfigError(problems);
}

/** Like parseEnv, but prints every problem and stops the process (for entry points). */
export function loadEnvOrExit<S extends z.ZodRawShape>(
  shape: S,
  source: Record<string, string | undefined> = process.env,
  productionRequires: ProductionRequirements = {},
): z.infer<z.ZodObject<S>> {
  try {
    return parseEnv(shape, source, productionRequires);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.problems) process.stderr.write(`config error: ${line}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** A URL-valued variable (postgres://, redis://, http://, smtp://...). */
export const urlVar = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
  );

export const portVar = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** A boolean variable: true/false/1/0/yes/no. */
export const boolVar = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
