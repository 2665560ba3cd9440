import Parser from 'rss-parser';
import type { WorkersRuntime } from '../runtime';
import type { Resolver } from './address-policy';
import { FEED_MESSAGES, FeedError, fetchFeed } from './feed-fetch';
import { graphql } from '../generated/gateway';

interface IngestItem {
  url: string;
  title: string;
  summary?: string;
  publishedAt?: string;
}

const SOURCES = graphql(`
  query WorkerWatchSources {
    watchSources(active: true) {
      id
      name
      feedUrl
    }
  }
`);
const INGEST = graphql(`
  mutation WorkerIngest($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {
    ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) {
      created {
        id
      }
      skipped
    }
  }
`);

export { FeedError };

export interface FeedLimits {
  /** The whole fetch of one feed (redirects and body included). */
  timeoutMs: number;
  maxBytes: number;
  /** Tests only (FEED_ALLOW_LOOPBACK, refused in production): feeds on this machine's loopback may be fetched. */
  allowLoopback?: boolean;
  /** How host names are resolved (the system's resolver by default). */
  resolve?: Resolver;
}

const parser = new Parser({ timeout: 0 });

/** RSS description (as text), or Atom summary. */
const summaryOf = (item: { contentSnippet?: string; summary?: string }): string | null =>
  item.contentSnippet?.trim() ||
  (typeof item.summary === 'string'
    ? item.summary
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : '') ||
  null;

/** Parses RSS or Atom into the guide's ingest input (at most 200 entries, links http(s) only). */
export async function parseFeed(xml: string): Promise<IngestItem[]> {
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(xml);
  } catch {
    throw new FeedError(FEED_MESSAGES.unreadable);
  }
  return (feed.items ?? [])
    .filter((i) => typeof i.link === 'string' && /^https?:\/\//i.test(i.link) && (i.title ?? '').trim())
    .slice(0, 200)
    .map((i) => ({
      url: i.link!.trim(),
      title: i.title!.trim().slice(0, 300),
      ...(summaryOf(i) ? { summary: summaryOf(i)!.slice(0, 1000) } : {}),
      ...(i.isoDate ? { publishedAt: i.isoDate } : {}),
    }));
}

/**
 * Polls every active watch source: conditional GET (ETag / Last-Modified kept in workers.feed_state) from public web
 * sites only (`fetchFeed`: addresses checked after DNS and at each redirect), a timeout and a size limit, RSS/Atom parsed, entries handed to the guide (`ingestWatchItems`, idempotent by URL) as the system.
 * A failing source gets its error recorded and the others go on.
 */
export async function pollFeeds(
  rt: WorkersRuntime,
  limits: FeedLimits,
): Promise<{ sources: number; created: number; unchanged: number; failed: number }> {
  const { watchSources } = await rt.gateway.call(SOURCES);
  let created = 0;
  let unchanged = 0;
  let failed = 0;
  // The validators of every source, in one query.
  const states: { source_id: string; etag: string | null; last_modified: string | null }[] = await rt.dataSource.query(
    `SELECT source_id, etag, last_modified FROM workers.feed_state WHERE source_id = ANY($1::uuid[])`,
    [watchSources.map((s) => s.id)],
  );
  const stateOf = new Map(states.map((row) => [row.source_id, row]));
  for (const source of watchSources) {
    const state = stateOf.get(source.id);
    let items: IngestItem[];
    let validators: { etag: string | null; lastModified: string | null };
    try {
      // Public web sites only, every address and redirect checked (feed-fetch.ts); bounded in time and size.
      const response = await fetchFeed(source.feedUrl, {
        ...limits,
        headers: {
          accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
          'user-agent': 'MetropotesVeille/1.0 (+https://metropotes.fr)',
          ...(state?.etag ? { 'if-none-match': state.etag } : {}),
          ...(state?.last_modified ? { 'if-modified-since': state.last_modified } : {}),
        },
      });
      if (response.status === 304) {
        unchanged += 1;
        await rt.gateway.call(INGEST, { sourceId: source.id, items: [], error: null });
        continue;
      }
      items = await parseFeed(response.body);
      const header = (name: string) => {
        const value = response.headers[name];
        return (Array.isArray(value) ? value[0] : value) ?? null;
      };
      validators = { etag: header('etag'), lastModified: header('last-modified') };
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      failed += 1;
      await rt.gateway.call(INGEST, { sourceId: source.id, items: [], error: error.message });
      rt.logger.warn({ sourceId: source.id, err: error.message }, 'feed failed');
      continue;
    }
    const data = await rt.gateway.call(INGEST, { sourceId: source.id, items, error: null });
    created += data.ingestWatchItems.created.length;
    // Remembered only once the entries are in the guide: a failed ingest is fetched in full next time.
    await rt.dataSource.query(
      `INSERT INTO workers.feed_state (source_id, etag, last_modified, checked_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source_id) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, checked_at = EXCLUDED.checked_at`,
      [source.id, validators.etag, validators.lastModified, rt.clock.now()],
    );
  }
  return { sources: watchSources.length, created, unchanged, failed };
}
