import type { Viewer } from '@metropotes/auth';

export interface GatewayContext {
  requestId: string;
  viewer: Viewer;
  /** The client's Authorization header, forwarded only once verified here. */
  authorization?: string;
  clientIp?: string;
  /** A member whose session version Redis could not give: their mutations are refused (`sessionOutagePlugin`). */
  sessionUnchecked?: boolean;
  /** The session check again, waiting longer (MUTATION_RECHECK_TIMEOUT_MS), before a mutation is refused. */
  recheckSession?: () => Promise<'open' | 'closed' | 'unknown'>;
}
