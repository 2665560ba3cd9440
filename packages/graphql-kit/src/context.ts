import type { Viewer } from '@metropotes/auth';
import type { Logger } from '@metropotes/config';

/** What every subgraph's context holds; services add their own loaders and services to it. */
export interface BaseContext {
  viewer: Viewer;
  requestId: string;
  log: Logger;
  /** The request's Authorization header as the gateway forwarded it (for a subgraph that calls the gateway as the viewer). */
  authorization?: string;
}

export const REQUEST_ID_HEADER = 'x-request-id';
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';
