// The no-op baseline of the workers benchmark: the built workers' own BullMQ host (services/workers/dist/worker-host.js:
// same queues, concurrency, mail limiter, prefix and connection settings as `services/workers/dist/index.js`), with a
// handler that does nothing for every job name. Configured by the same environment; stops on SIGTERM.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { JOB_NAMES } = require(resolve(ROOT, 'packages/jobs/dist/index.js'));
const { workersConfigFrom } = require(resolve(ROOT, 'services/workers/dist/env.js'));
const { startWorkers } = require(resolve(ROOT, 'services/workers/dist/worker-host.js'));

const config = workersConfigFrom(process.env);
const handlers = Object.fromEntries(JOB_NAMES.map((name) => [name, async () => undefined]));
const running = await startWorkers(config, handlers);
process.on('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
