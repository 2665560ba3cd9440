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
    "\n  query AssembleDataExport {\n    myData {\n      memberId\n      exportedAt\n      version\n      members\n      events\n      guide\n      moderation\n      workers\n    }\n  }\n": typeof types.AssembleDataExportDocument,
    "\n  query ProspectWatchItem($id: ID!) {\n    watchItem(id: $id) {\n      id\n      title\n      communes {\n        code\n      }\n      themes\n    }\n  }\n": typeof types.ProspectWatchItemDocument,
};
const documents: Documents = {
    "\n  query AssembleDataExport {\n    myData {\n      memberId\n      exportedAt\n      version\n      members\n      events\n      guide\n      moderation\n      workers\n    }\n  }\n": types.AssembleDataExportDocument,
    "\n  query ProspectWatchItem($id: ID!) {\n    watchItem(id: $id) {\n      id\n      title\n      communes {\n        code\n      }\n      themes\n    }\n  }\n": types.ProspectWatchItemDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssembleDataExport {\n    myData {\n      memberId\n      exportedAt\n      version\n      members\n      events\n      guide\n      moderation\n      workers\n    }\n  }\n"): typeof import('./graphql').AssembleDataExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProspectWatchItem($id: ID!) {\n    watchItem(id: $id) {\n      id\n      title\n      communes {\n        code\n      }\n      themes\n    }\n  }\n"): typeof import('./graphql').ProspectWatchItemDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
