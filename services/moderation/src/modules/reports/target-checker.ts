import { apiError } from '@metropotes/graphql-kit';
import type { ContentType } from './report.entity';

/**
 * The query that finds each kind of target through the gateway, as the reporter sees it. A type with no
 * query in the supergraph cannot be checked (and so cannot be reported).
 */
const LOOKUPS: Partial<Record<ContentType, string>> = {
  MEMBER: 'query ReportTargetMember($id: ID!) { target: member(id: $id) { id } }',
  EVENT: 'query ReportTargetEvent($id: ID!) { target: event(id: $id) { id } }',
  GUIDE_ARTICLE: 'query ReportTargetGuideArticle($id: ID!) { target: guideArticle(id: $id) { id } }',
  WATCH_ITEM: 'query ReportTargetWatchItem($id: ID!) { target: watchItem(id: $id) { id } }',
  GROUP: 'query ReportTargetGroup($id: ID!) { target: group(id: $id) { id } }',
};

export const isCheckable = (type: ContentType): boolean => LOOKUPS[type] !== undefined;

const UNAVAILABLE = "Impossible de vérifier ce contenu pour l'instant. Réessayez dans un instant.";

/**
 * Asks the gateway, with the reporter's own access token, whether the target exists and is visible to them:
 * the owning service's visibility rules decide, and moderation never reads another service's tables.
 */
export class TargetChecker {
  constructor(
    private readonly gatewayUrl: () => string,
    private readonly authorization: string | undefined,
    private readonly requestId?: string,
  ) {}

  async isVisible(type: ContentType, id: string): Promise<boolean> {
    const query = LOOKUPS[type];
    if (!query) return false;
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'apollo-require-preflight': 'true',
          ...(this.authorization ? { authorization: this.authorization } : {}),
          ...(this.requestId ? { 'x-request-id': this.requestId } : {}),
        },
        body: JSON.stringify({ query, variables: { id } }),
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      throw apiError('SERVICE_UNAVAILABLE', UNAVAILABLE);
    }
    if (!response.ok && response.status !== 400) throw apiError('SERVICE_UNAVAILABLE', UNAVAILABLE);
    const body = (await response.json().catch(() => null)) as { data?: { target?: { id: string } | null } | null } | null;
    if (!body || body.data === undefined) throw apiError('SERVICE_UNAVAILABLE', UNAVAILABLE);
    return Boolean(body.data?.target);
  }
}
