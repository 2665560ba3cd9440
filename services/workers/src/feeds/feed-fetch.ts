import type { LookupAddress, LookupOptions } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { isPublicAddress, systemResolver, type AddressPolicy, type Resolver } from './address-policy';

/** A feed could not be read: the message is French, for staff (shown on the source), and names no internal detail. */
export class FeedError extends Error {
  override name = 'FeedError';
}

export const FEED_MESSAGES = {
  refused: 'Adresse non autorisée : le flux doit être sur un site public.',
  timedOut: "Le site n'a pas répondu à temps.",
  tooManyRedirects: 'Trop de redirections.',
  unreachable: 'Le flux est injoignable (adresse ou réseau).',
  badRedirect: 'Le flux redirige vers une adresse invalide.',
  unreadable: "Le flux n'est pas un RSS ou Atom lisible.",
  tooBig: (maxBytes: number) => `Le flux est trop volumineux (plus de ${Math.round(maxBytes / 1000)} ko).`,
  httpError: (status: number) => `Le flux a répondu HTTP ${status}.`,
} as const;

/** Redirects followed at most; the next one is refused. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FeedFetchOptions extends Partial<AddressPolicy> {
  /** The whole fetch (every redirect, the body) within this time. */
  timeoutMs: number;
  /** Largest body read, once decompressed. */
  maxBytes: number;
  headers: Record<string, string>;
  /** How host names are resolved (the system's resolver by default; the tests give their own). */
  resolve?: Resolver;
}

export interface FeedResponse {
  /** 200-299, or 304 (not modified: no body). */
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A host the policy refuses (carried through the socket's error, turned into FEED_MESSAGES.refused). */
class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
}

/**
 * The socket's DNS lookup: resolves the name once, refuses it when any of its addresses is not public, and hands the
 * checked addresses to the connection — which connects to them, with no second lookup that could answer otherwise.
 */
function checkedLookup(policy: AddressPolicy, resolve: Resolver) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    resolve(hostname).then(
      (found) => {
        const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        if (found.some((a) => !isPublicAddress(a.address, policy))) return callback(new RefusedAddressError('refused'), '', 0);
        if (!wanted.length) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, wanted);
        return callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** The URL to fetch next: http(s) only, its host checked now when it is an address (no lookup then). */
function target(location: string, base: URL | undefined, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch {
    throw new FeedError(base ? FEED_MESSAGES.badRedirect : FEED_MESSAGES.unreachable);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedError(FEED_MESSAGES.refused);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isPublicAddress(host, policy)) throw new FeedError(FEED_MESSAGES.refused);
  return url;
}

/** One GET, no redirect followed, no connection kept (agent: false), through the checked lookup. */
function get(url: URL, options: FeedFetchOptions, policy: AddressPolicy, signal: AbortSignal): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { ...options.headers, 'accept-encoding': 'gzip, deflate, br' },
        agent: false,
        signal,
        // Not called for an address (checked by `target`); for a name, the only lookup of this connection.
        lookup: checkedLookup(policy, options.resolve ?? systemResolver),
      },
      resolve,
    );
    request.on('error', reject);
    request.end();
  });
}

/** The body, decompressed, at most `maxBytes` of it (counted after decompression: a small gzip can hide a huge feed). */
async function readBody(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<string> {
  if (Number(response.headers['content-length']) > maxBytes) {
    response.destroy();
    throw new FeedError(FEED_MESSAGES.tooBig(maxBytes));
  }
  const encoding = String(response.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  const decoders: Record<string, () => NodeJS.ReadWriteStream> = {
    gzip: createGunzip,
    'x-gzip': createGunzip,
    deflate: createInflate,
    br: createBrotliDecompress,
  };
  if (encoding !== 'identity' && !decoders[encoding]) {
    response.destroy();
    throw new FeedError(FEED_MESSAGES.unreadable);
  }
  const stream: Readable = encoding === 'identity' ? response : (response.pipe(decoders[encoding]!()) as unknown as Readable);
  const stop = () => {
    response.destroy();
    if (stream !== response) stream.destroy();
  };
  signal.addEventListener('abort', stop, { once: true });
  response.on('error', (error) => stream !== response && stream.destroy(error));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).byteLength;
      if (size > maxBytes) {
        stop();
        throw new FeedError(FEED_MESSAGES.tooBig(maxBytes));
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (signal.aborted) throw new FeedError(FEED_MESSAGES.timedOut);
    throw new FeedError(encoding === 'identity' ? FEED_MESSAGES.unreachable : FEED_MESSAGES.unreadable);
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GETs a feed from a public web site: http(s) only; every address checked — the URL's, each one its name resolves
 * to (the connection then goes to those very addresses), and again at each redirect (followed here, at most
 * MAX_REDIRECTS); the whole fetch within `timeoutMs` and the body within `maxBytes`. Refusals and failures are
 * FeedErrors in French that name no address and repeat nothing an internal host said.
 */
export async function fetchFeed(url: string, options: FeedFetchOptions): Promise<FeedResponse> {
  const policy: AddressPolicy = { allowLoopback: options.allowLoopback ?? false };
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    let next = target(url, undefined, policy);
    for (let redirects = 0; ; redirects += 1) {
      const response = await get(next, options, policy, signal);
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        response.destroy();
        if (redirects >= MAX_REDIRECTS) throw new FeedError(FEED_MESSAGES.tooManyRedirects);
        const location = response.headers.location;
        if (!location) throw new FeedError(FEED_MESSAGES.badRedirect);
        next = target(location, next, policy);
        continue;
      }
      if (status === 304) {
        response.destroy();
        return { status, headers: response.headers, body: '' };
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new FeedError(FEED_MESSAGES.httpError(status));
      }
      return { status, headers: response.headers, body: await readBody(response, options.maxBytes, signal) };
    }
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (error instanceof RefusedAddressError) throw new FeedError(FEED_MESSAGES.refused);
    if (signal.aborted) throw new FeedError(FEED_MESSAGES.timedOut);
    throw new FeedError(FEED_MESSAGES.unreachable);
  }
}
