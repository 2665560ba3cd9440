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
    "\n  query ModerationMemberRole($id: ID!) {\n    member(id: $id) {\n      role\n    }\n  }\n": typeof types.ModerationMemberRoleDocument,
    "\n  query ReporterStanding {\n    me {\n      emailVerified\n      joinedAt\n    }\n  }\n": typeof types.ReporterStandingDocument,
    "\n    query ReportTargetMember($id: ID!) {\n      target: member(id: $id) {\n        id\n      }\n    }\n  ": typeof types.ReportTargetMemberDocument,
    "\n    query ReportTargetEvent($id: ID!) {\n      target: event(id: $id) {\n        id\n      }\n    }\n  ": typeof types.ReportTargetEventDocument,
    "\n    query ReportTargetGuideArticle($id: ID!) {\n      target: guideArticle(id: $id) {\n        id\n      }\n    }\n  ": typeof types.ReportTargetGuideArticleDocument,
    "\n    query ReportTargetWatchItem($id: ID!) {\n      target: watchItem(id: $id) {\n        id\n      }\n    }\n  ": typeof types.ReportTargetWatchItemDocument,
    "\n    query ReportTargetGroup($id: ID!) {\n      target: group(id: $id) {\n        id\n      }\n    }\n  ": typeof types.ReportTargetGroupDocument,
    "\n    query ReportTargetGroupMessage($id: ID!) {\n      target: groupMessage(id: $id) {\n        id\n      }\n    }\n  ": typeof types.ReportTargetGroupMessageDocument,
    "\n    query ReportTargetEventMessage($id: ID!) {\n      target: eventMessage(id: $id) {\n        id\n      }\n    }\n  ": typeof types.ReportTargetEventMessageDocument,
};
const documents: Documents = {
    "\n  query ModerationMemberRole($id: ID!) {\n    member(id: $id) {\n      role\n    }\n  }\n": types.ModerationMemberRoleDocument,
    "\n  query ReporterStanding {\n    me {\n      emailVerified\n      joinedAt\n    }\n  }\n": types.ReporterStandingDocument,
    "\n    query ReportTargetMember($id: ID!) {\n      target: member(id: $id) {\n        id\n      }\n    }\n  ": types.ReportTargetMemberDocument,
    "\n    query ReportTargetEvent($id: ID!) {\n      target: event(id: $id) {\n        id\n      }\n    }\n  ": types.ReportTargetEventDocument,
    "\n    query ReportTargetGuideArticle($id: ID!) {\n      target: guideArticle(id: $id) {\n        id\n      }\n    }\n  ": types.ReportTargetGuideArticleDocument,
    "\n    query ReportTargetWatchItem($id: ID!) {\n      target: watchItem(id: $id) {\n        id\n      }\n    }\n  ": types.ReportTargetWatchItemDocument,
    "\n    query ReportTargetGroup($id: ID!) {\n      target: group(id: $id) {\n        id\n      }\n    }\n  ": types.ReportTargetGroupDocument,
    "\n    query ReportTargetGroupMessage($id: ID!) {\n      target: groupMessage(id: $id) {\n        id\n      }\n    }\n  ": types.ReportTargetGroupMessageDocument,
    "\n    query ReportTargetEventMessage($id: ID!) {\n      target: eventMessage(id: $id) {\n        id\n      }\n    }\n  ": types.ReportTargetEventMessageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationMemberRole($id: ID!) {\n    member(id: $id) {\n      role\n    }\n  }\n"): typeof import('./graphql').ModerationMemberRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReporterStanding {\n    me {\n      emailVerified\n      joinedAt\n    }\n  }\n"): typeof import('./graphql').ReporterStandingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ReportTargetMember($id: ID!) {\n      target: member(id: $id) {\n        id\n      }\n    }\n  "): typeof import('./graphql').ReportTargetMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ReportTargetEvent($id: ID!) {\n      target: event(id: $id) {\n        id\n      }\n    }\n  "): typeof import('./graphql').ReportTargetEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ReportTargetGuideArticle($id: ID!) {\n      target: guideArticle(id: $id) {\n        id\n      }\n    }\n  "): typeof import('./graphql').ReportTargetGuideArticleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ReportTargetWatchItem($id: ID!) {\n      target: watchItem(id: $id) {\n        id\n      }\n    }\n  "): typeof import('./graphql').ReportTargetWatchItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ReportTargetGroup($id: ID!) {\n      target: group(id: $id) {\n        id\n      }\n    }\n  "): typeof import('./graphql').ReportTargetGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ReportTargetGroupMessage($id: ID!) {\n      target: groupMessage(id: $id) {\n        id\n      }\n    }\n  "): typeof import('./graphql').ReportTargetGroupMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ReportTargetEventMessage($id: ID!) {\n      target: eventMessage(id: $id) {\n        id\n      }\n    }\n  "): typeof import('./graphql').ReportTargetEventMessageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
