import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { BREAK, parse, visit } from 'graphql';
import type { Redis } from 'ioredis';

/**
 * Whether a document may be kept in Redis: only when it holds no literal string. A client that types a value in
 * the query text instead of a variable (a reset token, a password, an address) would otherwise leave it in Redis
 * for the cache's lifetime; such a document is answered, just not registered.
 */
export function persistableDocument(text: string): boolean {
  try {
    let literal = false;
    visit(parse(text), {
      StringValue() {
        literal = true;
        return BREAK;
      },
    });
    return !literal;
  } catch {
    return false;
  }
}

/**
 * Apollo's KeyValueCache over the gateway's Redis connection: automatic persisted queries are shared by every
 * gateway process and survive restarts. A Redis outage degrades to a miss (the client resends the query).
 * Documents with a literal string are not stored (`persistableDocument`).
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Which values may be stored (default: documents without a literal string, for persisted queries). */
    private readonly storable: (value: string) => boolean = persistableDocument,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (!this.storable(value)) return;
    try {
      if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', options.ttl);
      else await this.redis.set(this.prefix + key, value);
    } catch {
      // a cache: losing a write is fine
    }
  }

  async delete(key: string): Promise<boolean | void> {
    try {
      await this.redis.del(this.prefix + key);
    } catch {
      // idem
    }
  }
}
