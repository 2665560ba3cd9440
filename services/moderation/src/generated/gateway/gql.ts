/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ModerationMemberRole($id: ID!) { member(id: $id) { role } }": typeof types.ModerationMemberRoleDocument,
    "query ReporterStanding { me { emailVerified joinedAt } }": typeof types.ReporterStandingDocument,
    "query ReportTargetMember($id: ID!) { target: member(id: $id) { id } }": typeof types.ReportTargetMemberDocument,
    "query ReportTargetEvent($id: ID!) { target: event(id: $id) { id } }": typeof types.ReportTargetEventDocument,
    "query ReportTargetGuideArticle($id: ID!) { target: guideArticle(id: $id) { id } }": typeof types.ReportTargetGuideArticleDocument,
    "query ReportTargetWatchItem($id: ID!) { target: watchItem(id: $id) { id } }": typeof types.ReportTargetWatchItemDocument,
    "query ReportTargetGroup($id: ID!) { target: group(id: $id) { id } }": typeof types.ReportTargetGroupDocument,
    "query ReportTargetGroupMessage($id: ID!) { target: groupMessage(id: $id) { id } }": typeof types.ReportTargetGroupMessageDocument,
    "query ReportTargetEventMessage($id: ID!) { target: eventMessage(id: $id) { id } }": typeof types.ReportTargetEventMessageDocument,
};
const documents: Documents = {
    "query ModerationMemberRole($id: ID!) { member(id: $id) { role } }": types.ModerationMemberRoleDocument,
    "query ReporterStanding { me { emailVerified joinedAt } }": types.ReporterStandingDocument,
    "query ReportTargetMember($id: ID!) { target: member(id: $id) { id } }": types.ReportTargetMemberDocument,
    "query ReportTargetEvent($id: ID!) { target: event(id: $id) { id } }": types.ReportTargetEventDocument,
    "query ReportTargetGuideArticle($id: ID!) { target: guideArticle(id: $id) { id } }": types.ReportTargetGuideArticleDocument,
    "query ReportTargetWatchItem($id: ID!) { target: watchItem(id: $id) { id } }": types.ReportTargetWatchItemDocument,
    "query ReportTargetGroup($id: ID!) { target: group(id: $id) { id } }": types.ReportTargetGroupDocument,
    "query ReportTargetGroupMessage($id: ID!) { target: groupMessage(id: $id) { id } }": types.ReportTargetGroupMessageDocument,
    "query ReportTargetEventMessage($id: ID!) { target: eventMessage(id: $id) { id } }": types.ReportTargetEventMessageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ModerationMemberRole($id: ID!) { member(id: $id) { role } }"): typeof import('./graphql').ModerationMemberRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReporterStanding { me { emailVerified joinedAt } }"): typeof import('./graphql').ReporterStandingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReportTargetMember($id: ID!) { target: member(id: $id) { id } }"): typeof import('./graphql').ReportTargetMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReportTargetEvent($id: ID!) { target: event(id: $id) { id } }"): typeof import('./graphql').ReportTargetEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReportTargetGuideArticle($id: ID!) { target: guideArticle(id: $id) { id } }"): typeof import('./graphql').ReportTargetGuideArticleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReportTargetWatchItem($id: ID!) { target: watchItem(id: $id) { id } }"): typeof import('./graphql').ReportTargetWatchItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReportTargetGroup($id: ID!) { target: group(id: $id) { id } }"): typeof import('./graphql').ReportTargetGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReportTargetGroupMessage($id: ID!) { target: groupMessage(id: $id) { id } }"): typeof import('./graphql').ReportTargetGroupMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReportTargetEventMessage($id: ID!) { target: eventMessage(id: $id) { id } }"): typeof import('./graphql').ReportTargetEventMessageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
