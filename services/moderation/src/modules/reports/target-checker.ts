import type { GatewayClient, GatewayOperation } from '@metropotes/graphql-kit';
import { graphql } from '../../generated/gateway';
import type { ContentType } from './report.entity';

/**
 * The query that finds each kind of target through the gateway, as the reporter sees it. A type with no
 * query in the supergraph cannot be checked (and so cannot be reported).
 */
const LOOKUPS: Partial<Record<ContentType, GatewayOperation<{ target?: { id: string } | null }, { id: string }>>> = {
  MEMBER: graphql(`
    query ReportTargetMember($id: ID!) {
      target: member(id: $id) {
        id
      }
    }
  `),
  EVENT: graphql(`
    query ReportTargetEvent($id: ID!) {
      target: event(id: $id) {
        id
      }
    }
  `),
  GUIDE_ARTICLE: graphql(`
    query ReportTargetGuideArticle($id: ID!) {
      target: guideArticle(id: $id) {
        id
      }
    }
  `),
  WATCH_ITEM: graphql(`
    query ReportTargetWatchItem($id: ID!) {
      target: watchItem(id: $id) {
        id
      }
    }
  `),
  GROUP: graphql(`
    query ReportTargetGroup($id: ID!) {
      target: group(id: $id) {
        id
      }
    }
  `),
  GROUP_MESSAGE: graphql(`
    query ReportTargetGroupMessage($id: ID!) {
      target: groupMessage(id: $id) {
        id
      }
    }
  `),
  EVENT_MESSAGE: graphql(`
    query ReportTargetEventMessage($id: ID!) {
      target: eventMessage(id: $id) {
        id
      }
    }
  `),
};

export const isCheckable = (type: ContentType): boolean => LOOKUPS[type] !== undefined;

/** Whether a target exists and the viewer may see it, as the service owning it says through the gateway. */
export class TargetChecker {
  constructor(private readonly gateway: GatewayClient) {}

  async isVisible(type: ContentType, id: string): Promise<boolean> {
    const query = LOOKUPS[type];
    if (!query) return false;
    const data = await this.gateway.query(query, { id });
    return Boolean(data.target);
  }
}
