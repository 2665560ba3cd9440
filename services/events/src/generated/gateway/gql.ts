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
    "\n  query AttendanceWalkIns($m0: ID!, $m1: ID!, $m2: ID!, $m3: ID!, $m4: ID!, $m5: ID!, $m6: ID!, $m7: ID!, $m8: ID!, $m9: ID!) {\n    m0: member(id: $m0) {\n      id\n    }\n    m1: member(id: $m1) {\n      id\n    }\n    m2: member(id: $m2) {\n      id\n    }\n    m3: member(id: $m3) {\n      id\n    }\n    m4: member(id: $m4) {\n      id\n    }\n    m5: member(id: $m5) {\n      id\n    }\n    m6: member(id: $m6) {\n      id\n    }\n    m7: member(id: $m7) {\n      id\n    }\n    m8: member(id: $m8) {\n      id\n    }\n    m9: member(id: $m9) {\n      id\n    }\n  }\n": typeof types.AttendanceWalkInsDocument,
    "\n  query EventGroupRole($id: ID!) {\n    group(id: $id) {\n      id\n      viewerRole\n    }\n  }\n": typeof types.EventGroupRoleDocument,
    "\n  query NetworkStatsMembers($ids: [ID!]!, $from: DateTime!, $before: DateTime!) {\n    networkMemberFigures(memberIds: $ids, joinedFrom: $from, joinedBefore: $before) {\n      memberId\n      territoryCode\n      inMetropole\n      joinedAt\n    }\n  }\n": typeof types.NetworkStatsMembersDocument,
};
const documents: Documents = {
    "\n  query AttendanceWalkIns($m0: ID!, $m1: ID!, $m2: ID!, $m3: ID!, $m4: ID!, $m5: ID!, $m6: ID!, $m7: ID!, $m8: ID!, $m9: ID!) {\n    m0: member(id: $m0) {\n      id\n    }\n    m1: member(id: $m1) {\n      id\n    }\n    m2: member(id: $m2) {\n      id\n    }\n    m3: member(id: $m3) {\n      id\n    }\n    m4: member(id: $m4) {\n      id\n    }\n    m5: member(id: $m5) {\n      id\n    }\n    m6: member(id: $m6) {\n      id\n    }\n    m7: member(id: $m7) {\n      id\n    }\n    m8: member(id: $m8) {\n      id\n    }\n    m9: member(id: $m9) {\n      id\n    }\n  }\n": types.AttendanceWalkInsDocument,
    "\n  query EventGroupRole($id: ID!) {\n    group(id: $id) {\n      id\n      viewerRole\n    }\n  }\n": types.EventGroupRoleDocument,
    "\n  query NetworkStatsMembers($ids: [ID!]!, $from: DateTime!, $before: DateTime!) {\n    networkMemberFigures(memberIds: $ids, joinedFrom: $from, joinedBefore: $before) {\n      memberId\n      territoryCode\n      inMetropole\n      joinedAt\n    }\n  }\n": types.NetworkStatsMembersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AttendanceWalkIns($m0: ID!, $m1: ID!, $m2: ID!, $m3: ID!, $m4: ID!, $m5: ID!, $m6: ID!, $m7: ID!, $m8: ID!, $m9: ID!) {\n    m0: member(id: $m0) {\n      id\n    }\n    m1: member(id: $m1) {\n      id\n    }\n    m2: member(id: $m2) {\n      id\n    }\n    m3: member(id: $m3) {\n      id\n    }\n    m4: member(id: $m4) {\n      id\n    }\n    m5: member(id: $m5) {\n      id\n    }\n    m6: member(id: $m6) {\n      id\n    }\n    m7: member(id: $m7) {\n      id\n    }\n    m8: member(id: $m8) {\n      id\n    }\n    m9: member(id: $m9) {\n      id\n    }\n  }\n"): typeof import('./graphql').AttendanceWalkInsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventGroupRole($id: ID!) {\n    group(id: $id) {\n      id\n      viewerRole\n    }\n  }\n"): typeof import('./graphql').EventGroupRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NetworkStatsMembers($ids: [ID!]!, $from: DateTime!, $before: DateTime!) {\n    networkMemberFigures(memberIds: $ids, joinedFrom: $from, joinedBefore: $before) {\n      memberId\n      territoryCode\n      inMetropole\n      joinedAt\n    }\n  }\n"): typeof import('./graphql').NetworkStatsMembersDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
