import type { Viewer } from '@metropotes/auth';
import type { Logger } from '@metropotes/config';

/** What every subgraph's context holds; services add their own loaders and services to it. */
export interface BaseContext {
  viewer: Viewer;
  requestId: string;
  log: Logger;
}

export const REQUEST_ID_HEADER = 'x-request-id';
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';
