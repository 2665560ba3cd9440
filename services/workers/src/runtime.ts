import 'reflect-metadata';
import type { Clock, Logger } from '@metropotes/config';
import { createServiceDataSource, ensureDatabase, runMigrations } from '@metropotes/database';
import { JobQueues } from '@metropotes/jobs';
import type { DataSource } from 'typeorm';
import type { WorkersConfig } from './env';
import { DigestCatalogueCache } from './digest/digest-catalogue.cache';
import type { DigestCatalogue } from './digest/digest-run';
import { SystemGateway } from './gateway/system-gateway';
import type { DeliveryPolicy } from './mail/delivery-queue';
import { EmailRepository } from './mail/email.repository';
import { createSmtpSender, type MailSender } from './mail/smtp-sender';
import { entities, migrations } from './server';

/** What the handlers use: the workers' database, the producer side of the queues, SMTP, the gateway. */
export interface WorkersRuntime {
  config: WorkersConfig;
  logger: Logger;
  /** "Now" for the jobs' rules (config.clock). */
  clock: Clock;
  dataSource: DataSource;
  emails: EmailRepository;
  jobs: JobQueues;
  sender: MailSender;
  delivery: DeliveryPolicy;
  /** GraphQL through the gateway as the system (events, guide, members in batches). */
  gateway: SystemGateway;
  /** The digest catalogues read by this process's runs (one read per run and process, `digest/digest-run.ts`). */
  digestCatalogues: DigestCatalogueCache<DigestCatalogue>;
  close(): Promise<void>;
}

/** Opens the database (creating it and migrating the `workers` schema when asked), Redis and SMTP. */
export async function openWorkersRuntime(config: WorkersConfig, logger: Logger, overrides: { sender?: MailSender } = {}): Promise<WorkersRuntime> {
  const { dataSource } = createServiceDataSource({
    url: config.database.url,
    schema: 'workers',
    entities,
    migrations,
    applicationName: 'metropotes-workers',
    // A delivery holds a connection while the SMTP server answers: one per concurrent job, and some spare. The mail
    // queue's jobs beyond that wait for a connection (none holds two at once); at most 30 (PostgreSQL's are shared).
    poolMax: Math.max(config.database.poolMax, config.concurrency + 2, Math.min(30, config.mailConcurrency + 2)),
    log: logger,
  });
  if (config.database.runMigrations) await ensureDatabase(config.database.url);
  await dataSource.initialize();
  try {
    if (config.database.runMigrations) {
      const applied = await runMigrations(dataSource, 'workers');
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
    const gateway = new SystemGateway(config.gatewayUrl, config.systemPrivateKey);
    await gateway.ready(); // a bad system key stops the start here
    const jobs = new JobQueues({ redisUrl: config.redis.url, prefix: config.redis.prefix, retry: config.jobs });
    const sender = overrides.sender ?? createSmtpSender(config.smtp);
    return {
      config,
      logger,
      clock: config.clock,
      dataSource,
      emails: new EmailRepository(dataSource, config.clock),
      jobs,
      sender,
      delivery: { maxAttempts: config.mail.maxAttempts, retryDelayMs: config.mail.retryDelayMs },
      gateway,
      digestCatalogues: new DigestCatalogueCache<DigestCatalogue>(),
      async close() {
        sender.close();
        await jobs.close();
        await dataSource.destroy();
      },
    };
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
