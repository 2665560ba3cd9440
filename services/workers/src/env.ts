import {
  metricsEnvShape,
  metricsListenFrom,
  type MetricsListen,
  processClock,
  type Clock,
  commonEnv,
  DEFAULT_PUBLIC_URL,
  jobRetryEnv,
  LOCAL_DATABASE_URL,
  LOCAL_REDIS_URL,
  loadEnvOrExit,
  urlVar,
  z,
  type JobRetry,
} from '@metropotes/config';

const shape = {
  ...commonEnv,
  REDIS_URL: urlVar(['redis', 'rediss']).default(LOCAL_REDIS_URL),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('metropotes'),
  /** WORKERS_METRICS_PORT, METRICS_HOST: /health, /ready and /metrics of the workers. */
  ...metricsEnvShape('WORKERS'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Jobs run at once on the mail queue (e-mails requested, deliveries): they mostly wait (gateway, SMTP), and the reads
   * of the jobs running together share gateway requests. MAIL_RATE_PER_SECOND still bounds how many start a second.
   */
  MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(50),
  /** How long SIGTERM waits for active jobs before leaving them to another worker. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(20_000),
  /** Optional: BullMQ job lock duration and stalled-check interval (default 30 s); a dead worker's job is re-queued after about this long. */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(500).optional(),
  /** JOB_ATTEMPTS, JOB_BACKOFF_MS: how the jobs the workers enqueue are retried (the services read the same). */
  ...jobRetryEnv,
  /** How often the workers keep the jobs of the dead-letter queues that failed all their attempts, and re-drive the due ones. */
  DEAD_JOB_SCAN_MS: z.coerce.number().int().min(50).default(15_000),
  /** A dead job runs again this long after it died, then twice as long after each failure... */
  DEAD_JOB_REDRIVE_DELAY_MS: z.coerce.number().int().min(0).default(60_000),
  /** ...at most this long apart. */
  DEAD_JOB_REDRIVE_MAX_DELAY_MS: z.coerce.number().int().min(0).default(3_600_000),
  DATABASE_URL: urlVar(['postgres', 'postgresql']).default(LOCAL_DATABASE_URL),
  /** The workers' own database (schema `workers`); falls back to DATABASE_URL. */
  WORKERS_DATABASE_URL: urlVar(['postgres', 'postgresql']).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(50).default(8),
  RUN_MIGRATIONS: z.enum(['true', 'false', '1', '0', 'yes', 'no']).default('true'),
  /** The gateway's GraphQL endpoint: the workers read members (e-mail address, name) through it. */
  GATEWAY_URL: urlVar(['http', 'https']).default('http://127.0.0.1:4000/graphql'),
  /** PEM (PKCS#8) Ed25519 key that signs the workers' system tokens. */
  SYSTEM_PRIVATE_KEY: z.string().min(1, 'the PEM private key that signs system tokens'),
  /** Where people reach the platform, for links in e-mails: the web site. */
  PUBLIC_URL: urlVar(['http', 'https']).default(DEFAULT_PUBLIC_URL),
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps://... (TLS from the start). */
  SMTP_URL: urlVar(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(3),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(500).default(15_000),
  MAIL_FROM: z.string().min(3).default('Les Métropotes <ne-pas-repondre@metropotes.fr>'),
  /** Where a sanctioned member writes to contest a decision (named in 'sanction-notice'): the association's address. */
  MODERATION_CONTACT_EMAIL: z.email().default('metropopassociation@gmail.com'),
  /** Cron (Europe/Paris) of the staff's daily digest. */
  STAFF_DIGEST_PATTERN: z.string().min(9).default('30 8 * * *'),
  /** At most this many jobs per second on the mail queue (SMTP providers throttle senders). */
  MAIL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Attempts of one delivery before its e-mail is marked dead. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay of a delivery; doubles at each attempt (5 s, 10 s, 20 s... about 10 min over 8 attempts). */
  MAIL_RETRY_DELAY_MS: z.coerce.number().int().min(0).default(5_000),
  /** How often pending e-mails are checked for a lost job (0: only at start). */
  MAIL_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(300_000),
  /**
   * The reminder offsets organizers may choose for an event, in hours before its start, comma-separated ("72,24,3";
   * the events service reads the same variable to check their choice). Each event has its own
   * (`Event.reminderOffsetsHours`, default [24]); the largest here is how far ahead the scan looks. Empty: no reminders.
   */
  REMINDER_OFFSETS_HOURS: z
    .string()
    .regex(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, 'whole hours, comma-separated, such as "24,3"')
    .default('72,24,3'),
  /** Subscribers per digest batch: one members request, one job, one INSERT and one addBulk each (at most 500). */
  DIGEST_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(500),
  /** Cron pattern (UTC) of the reminders scan. */
  REMINDER_SCAN_PATTERN: z.string().min(9).default('*/5 * * * *'),
  /** Cron pattern (UTC) of the daily roll-forward of event series. */
  SERIES_EXTEND_PATTERN: z.string().min(9).default('40 2 * * *'),
  /** Cron pattern (UTC) of the feed poller of the veille. */
  FEED_POLL_PATTERN: z.string().min(9).default('*/30 * * * *'),
  /** Newcomers who have not come to an event this many weeks after signing up get one nudge e-mail (their buddy a note). */
  NEWCOMER_NUDGE_WEEKS: z.coerce.number().int().min(1).max(52).default(4),
  /**
   * How many more weeks back the nudge looks: people who signed up earlier than NEWCOMER_NUDGE_WEEKS + this many weeks
   * ago are never nudged (not the members of years before the feature; a scan missed for days still catches up).
   */
  NEWCOMER_NUDGE_WINDOW_WEEKS: z.coerce.number().int().min(1).max(52).default(4),
  /** Cron pattern (Europe/Paris) of the daily nudge scan. */
  NEWCOMER_NUDGE_PATTERN: z.string().min(9).default('0 10 * * *'),
  /** How long one feed may take to answer. */
  FEED_TIMEOUT_MS: z.coerce.number().int().min(500).default(15_000),
  /** Largest feed read (bytes). */
  FEED_MAX_BYTES: z.coerce.number().int().min(1_000).default(2_000_000),
  /**
   * Tests only: the feed poller may fetch feeds from this machine's loopback (127.0.0.0/8, ::1), where the tests'
   * feed server runs. Refused in production. Private, link-local and other internal addresses stay refused.
   */
  FEED_ALLOW_LOOPBACK: z.enum(['true', 'false', '1', '0', 'yes', 'no']).default('false'),
};

export interface WorkersConfig {
  production: boolean;
  logLevel: string;
  redis: { url: string; prefix: string };
  /** Where the workers serve /health, /ready and /metrics. */
  metrics: MetricsListen;
  concurrency: number;
  /** MAIL_CONCURRENCY: the mail queue's concurrency (the other queues: `concurrency`). */
  mailConcurrency: number;
  shutdownTimeoutMs: number;
  /** BullMQ lockDuration and stalledInterval; undefined: BullMQ's defaults. */
  lockDurationMs?: number;
  /** How the jobs the workers enqueue are retried (JOB_ATTEMPTS, JOB_BACKOFF_MS). */
  jobs: JobRetry;
  /** Dead jobs (`src/jobs/dead-letters.ts`): scan interval, first re-drive delay (doubling), longest delay. */
  deadJobs: { scanMs: number; redriveDelayMs: number; redriveMaxDelayMs: number };
  database: { url: string; poolMax: number; runMigrations: boolean };
  gatewayUrl: string;
  systemPrivateKey: string;
  publicUrl: string;
  smtp: { url: string; poolSize: number; timeoutMs: number };
  mail: { from: string; ratePerSecond: number; maxAttempts: number; retryDelayMs: number; reconcileIntervalMs: number };
  /** MODERATION_CONTACT_EMAIL: whom a sanctioned member writes to contest the decision. */
  moderationContact: string;
  /** STAFF_DIGEST_PATTERN, Europe/Paris. */
  staffDigest: { pattern: string };
  /** offsetsHours ascending: the offsets organizers may choose from; the largest is how far ahead the scan looks. */
  reminders: { offsetsHours: number[]; scanPattern: string };
  series: { extendPattern: string };
  digest: { batchSize: number };
  /** The newcomers' nudge: after `weeks`, for sign-ups of the `windowWeeks` before that; `pattern` (Europe/Paris). */
  nudge: { weeks: number; windowWeeks: number; pattern: string };
  /** `allowLoopback`: FEED_ALLOW_LOOPBACK (tests only, refused in production). */
  feeds: { pollPattern: string; timeoutMs: number; maxBytes: number; allowLoopback: boolean };
  /** "Now" for the jobs' rules (periods, reminders, retention), from @metropotes/config's clock. */
  clock: Clock;
}

export function workersConfigFrom(source: Record<string, string | undefined> = process.env): WorkersConfig {
  const env = loadEnvOrExit(shape, source, {
    SYSTEM_PRIVATE_KEY: 'the PEM private key that signs system tokens',
    PUBLIC_URL: 'the address people use (https://…), for links in e-mails',
    SMTP_URL: 'the SMTP server that sends the e-mails (smtp:// or smtps://)',
  });
  const allowLoopback = ['true', '1', 'yes'].includes(env.FEED_ALLOW_LOOPBACK);
  if (allowLoopback && env.NODE_ENV === 'production') {
    // As loadEnvOrExit does: one line naming the variable, exit 78.
    process.stderr.write(
      `config error: FEED_ALLOW_LOOPBACK: tests only; production fetches feeds from public web sites only (got "${env.FEED_ALLOW_LOOPBACK}")\n`,
    );
    process.exit(78);
  }
  return {
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    metrics: metricsListenFrom(env, 'WORKERS'),
    concurrency: env.WORKER_CONCURRENCY,
    mailConcurrency: env.MAIL_CONCURRENCY,
    shutdownTimeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS,
    lockDurationMs: env.WORKER_LOCK_DURATION_MS,
    jobs: { attempts: env.JOB_ATTEMPTS, backoffMs: env.JOB_BACKOFF_MS },
    deadJobs: {
      scanMs: env.DEAD_JOB_SCAN_MS,
      redriveDelayMs: env.DEAD_JOB_REDRIVE_DELAY_MS,
      redriveMaxDelayMs: Math.max(env.DEAD_JOB_REDRIVE_DELAY_MS, env.DEAD_JOB_REDRIVE_MAX_DELAY_MS),
    },
    database: {
      url: env.WORKERS_DATABASE_URL ?? env.DATABASE_URL,
      poolMax: env.DATABASE_POOL_MAX,
      runMigrations: ['true', '1', 'yes'].includes(env.RUN_MIGRATIONS),
    },
    gatewayUrl: env.GATEWAY_URL,
    systemPrivateKey: env.SYSTEM_PRIVATE_KEY,
    publicUrl: env.PUBLIC_URL,
    smtp: { url: env.SMTP_URL, poolSize: env.SMTP_POOL_SIZE, timeoutMs: env.SMTP_TIMEOUT_MS },
    mail: {
      from: env.MAIL_FROM,
      ratePerSecond: env.MAIL_RATE_PER_SECOND,
      maxAttempts: env.MAIL_MAX_ATTEMPTS,
      retryDelayMs: env.MAIL_RETRY_DELAY_MS,
      reconcileIntervalMs: env.MAIL_RECONCILE_INTERVAL_MS,
    },
    reminders: {
      offsetsHours: [
        ...new Set(
          env.REMINDER_OFFSETS_HOURS.split(',')
            .map((h) => Number(h.trim()))
            .filter((h) => h > 0),
        ),
      ].sort((a, b) => a - b),
      scanPattern: env.REMINDER_SCAN_PATTERN,
    },
    series: { extendPattern: env.SERIES_EXTEND_PATTERN },
    moderationContact: env.MODERATION_CONTACT_EMAIL,
    staffDigest: { pattern: env.STAFF_DIGEST_PATTERN },
    digest: { batchSize: env.DIGEST_BATCH_SIZE },
    nudge: { weeks: env.NEWCOMER_NUDGE_WEEKS, windowWeeks: env.NEWCOMER_NUDGE_WINDOW_WEEKS, pattern: env.NEWCOMER_NUDGE_PATTERN },
    feeds: { pollPattern: env.FEED_POLL_PATTERN, timeoutMs: env.FEED_TIMEOUT_MS, maxBytes: env.FEED_MAX_BYTES, allowLoopback },
    clock: processClock({ production: env.NODE_ENV === 'production', clockStart: env.CLOCK_START }),
  };
}
