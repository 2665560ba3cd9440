import { formatParisTime } from '@metropotes/french-time';
import { createLogger } from '@metropotes/config';
import { previewDigest, runDigest } from './digest/digest-run';
import { parsePeriod, periodsDueAt } from './digest/period';
import { workersConfigFrom } from './env';
import { scanNewcomerNudges } from './jobs/newcomers.job';
import { scanReminders } from './jobs/reminders-scan.job';
import { runStaffDigest } from './jobs/staff-digest.job';
import { openWorkersRuntime } from './runtime';

const USAGE = `Usage:
  npm run jobs -- digest [--period 2026-W48|2026-11] [--now 2026-11-23T07:00:00Z]
  npm run jobs -- reminders [--now 2026-11-23T07:00:00Z]
  npm run jobs -- staff-digest [--now 2026-11-23T07:30:00Z]   (the staff's digest of that day, if something waits)
  npm run jobs -- newcomer-nudges [--now 2026-11-23T09:00:00Z]   (newcomers not come yet NEWCOMER_NUDGE_WEEKS after joining)
  npm run jobs -- preview-digest <memberId> [--period 2026-W48|2026-11]   (prints, writes nothing)

Writes the e-mails (rows of workers.emails) and queues their delivery; the running workers send them.
Running a command again writes nothing twice. Without --now: the present (CLOCK_START when set, never in production).`;

const PREVIEW_OUTCOMES = {
  READY: 'La lettre serait envoyée.',
  EMPTY: 'Rien à dire à ce membre : aucune lettre ne serait envoyée.',
  NOT_SUBSCRIBED: "Ce membre ne reçoit pas cette lettre (autre fréquence ou désabonné·e) : voici ce qu'elle contiendrait.",
  UNKNOWN_MEMBER: 'Aucun membre actif avec cet identifiant.',
  BAD_PERIOD: "Cette période n'existe pas.",
  ALREADY_SENT: 'La lettre de cette période est déjà écrite pour ce membre : la voici.',
  FAILED: "La lettre n'a pas pu être composée (le gateway ne répond pas) : réessayez plus tard.",
} as const;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs one job of the workers on demand, in this process (same code as the scheduled jobs). */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || !['digest', 'reminders', 'newcomer-nudges', 'preview-digest', 'staff-digest'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return command ? 2 : 0;
  }
  const nowText = option(args, 'now');
  if (nowText && Number.isNaN(Date.parse(nowText))) {
    process.stderr.write(`--now: "${nowText}" n'est pas une date ISO 8601.\n`);
    return 2;
  }
  const config = workersConfigFrom();
  // Without --now, the workers' clock (the real time; CLOCK_START in development and tests).
  const now = nowText ? new Date(nowText) : config.clock.now();
  const runtime = await openWorkersRuntime(config, createLogger('workers-cli', config.logLevel));
  try {
    if (command === 'staff-digest') {
      process.stdout.write(`${JSON.stringify(await runStaffDigest(runtime, now))}\n`);
      return 0;
    }
    if (command === 'reminders') {
      process.stdout.write(`${JSON.stringify(await scanReminders(runtime, now))}\n`);
      return 0;
    }
    if (command === 'newcomer-nudges') {
      process.stdout.write(`${JSON.stringify(await scanNewcomerNudges(runtime, now))}\n`);
      return 0;
    }
    const periodText = option(args, 'period');
    const period = periodText ? parsePeriod(periodText) : null;
    if (periodText && !period) {
      process.stderr.write(`--period: "${periodText}" n'est pas une période (2026-W48 ou 2026-11).\n`);
      return 2;
    }
    if (command === 'preview-digest') {
      const memberId = args[0] ?? '';
      const preview = await previewDigest(runtime, memberId, period, now);
      const since = formatParisTime(preview.since, { now });
      process.stdout.write(`${PREVIEW_OUTCOMES[preview.outcome]} (${preview.period} ; nouveautés depuis le ${since})\n`);
      if (preview.subject) process.stdout.write(`\n${preview.subject}\n\n${preview.text}`);
      return 0;
    }
    for (const p of period ? [period] : periodsDueAt(now)) {
      process.stdout.write(`${JSON.stringify({ period: p.key, ...(await runDigest(runtime, p, now)) })}\n`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
