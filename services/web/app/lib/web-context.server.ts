import type { Clock, Logger } from '@metropotes/config';
import { createContext } from 'react-router';
import type { SessionSealer } from '../../server/session-seal';
import type { RefreshCoalescer } from '../session/refresh-coalescer.server';

/** What the Express layer hands every request of the site (getLoadContext), read by middleware, loaders and actions. */
export interface WebRequestContext {
  gatewayUrl: string;
  gatewayTimeoutMs: number;
  production: boolean;
  publicUrl: string;
  clock: Clock;
  logger: Logger;
  requestId: string;
  /** The visitor's address, forwarded to the gateway (X-Forwarded-For) so that its per-IP limits apply to them. */
  clientIp: string;
  /** The nonce of this response's Content-Security-Policy, for React Router's inline scripts. */
  cspNonce: string;
  /** Where the editable Markdown pages are (services/web/content). */
  contentDirectory: string;
  sessions: SessionSealer;
  refreshes: RefreshCoalescer;
  /**
   * A visitor's page the page cache may keep (server/page-cache.ts) hears here what it is made of; absent for any
   * other request (a member's, a form's, a page the cache does not keep).
   */
  pageCache?: PageCacheRecorder;
}

/** What the page cache learns while a visitor's page is made: its gateway answers, and whether anything failed. */
export interface PageCacheRecorder {
  /** A gateway answer the page was made from: its Cache-Control and Age headers (null when absent). */
  gatewayAnswer(cacheControl: string | null, age: string | null): void;
  /** The page is not to be kept: a gateway request failed, or rendering did. */
  spoil(): void;
}

export const webContext = createContext<WebRequestContext>();
