// A container's health check (docker-compose.yml): exits 0 when healthy, 1 otherwise.
//   node scripts/healthcheck.mjs http://127.0.0.1:4001/ready   the process answers 2xx on that address
//   node scripts/healthcheck.mjs workers                        this container's workers hold their Redis connection
// The workers serve no HTTP: their main connection is named `workers` (services/workers/src/worker-host.ts), and Redis
// lists it with the address it comes from, which must be one of this container's.
import { createRequire } from 'node:module';
import { networkInterfaces } from 'node:os';

const target = process.argv[2] ?? '';

try {
  if (target === 'workers') {
    process.exit((await workersConnected()) ? 0 : 1);
  }
  const response = await fetch(target, { signal: AbortSignal.timeout(3000) });
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`unhealthy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

async function workersConnected() {
  const require = createRequire(import.meta.url);
  const IORedis = require('ioredis');
  const redis = new IORedis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', {
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const list = await redis.client('LIST');
    const mine = new Set(
      Object.values(networkInterfaces())
        .flat()
        .map((address) => address?.address),
    );
    return String(list)
      .split('\n')
      .map((line) => Object.fromEntries(line.split(' ').map((field) => field.split('='))))
      .some((client) => client.name === 'workers' && mine.has(client.addr?.slice(0, client.addr.lastIndexOf(':')).replace(/^\[|\]$/g, '')));
  } finally {
    redis.disconnect();
  }
}
