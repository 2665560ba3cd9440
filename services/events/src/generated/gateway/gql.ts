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
    "query AttendanceWalkIns($m0: ID!, $m1: ID!, $m2: ID!, $m3: ID!, $m4: ID!, $m5: ID!, $m6: ID!, $m7: ID!, $m8: ID!, $m9: ID!) {\n  m0: member(id: $m0) { id }\n  m1: member(id: $m1) { id }\n  m2: member(id: $m2) { id }\n  m3: member(id: $m3) { id }\n  m4: member(id: $m4) { id }\n  m5: member(id: $m5) { id }\n  m6: member(id: $m6) { id }\n  m7: member(id: $m7) { id }\n  m8: member(id: $m8) { id }\n  m9: member(id: $m9) { id }\n}": typeof types.AttendanceWalkInsDocument,
    "query EventGroupRole($id: ID!) { group(id: $id) { id viewerRole } }": typeof types.EventGroupRoleDocument,
    "query NetworkStatsMembers($ids: [ID!]!, $from: DateTime!, $before: DateTime!) {\n  networkMemberFigures(memberIds: $ids, joinedFrom: $from, joinedBefore: $before) { memberId territoryCode inMetropole joinedAt }\n}": typeof types.NetworkStatsMembersDocument,
};
const documents: Documents = {
    "query AttendanceWalkIns($m0: ID!, $m1: ID!, $m2: ID!, $m3: ID!, $m4: ID!, $m5: ID!, $m6: ID!, $m7: ID!, $m8: ID!, $m9: ID!) {\n  m0: member(id: $m0) { id }\n  m1: member(id: $m1) { id }\n  m2: member(id: $m2) { id }\n  m3: member(id: $m3) { id }\n  m4: member(id: $m4) { id }\n  m5: member(id: $m5) { id }\n  m6: member(id: $m6) { id }\n  m7: member(id: $m7) { id }\n  m8: member(id: $m8) { id }\n  m9: member(id: $m9) { id }\n}": types.AttendanceWalkInsDocument,
    "query EventGroupRole($id: ID!) { group(id: $id) { id viewerRole } }": types.EventGroupRoleDocument,
    "query NetworkStatsMembers($ids: [ID!]!, $from: DateTime!, $before: DateTime!) {\n  networkMemberFigures(memberIds: $ids, joinedFrom: $from, joinedBefore: $before) { memberId territoryCode inMetropole joinedAt }\n}": types.NetworkStatsMembersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AttendanceWalkIns($m0: ID!, $m1: ID!, $m2: ID!, $m3: ID!, $m4: ID!, $m5: ID!, $m6: ID!, $m7: ID!, $m8: ID!, $m9: ID!) {\n  m0: member(id: $m0) { id }\n  m1: member(id: $m1) { id }\n  m2: member(id: $m2) { id }\n  m3: member(id: $m3) { id }\n  m4: member(id: $m4) { id }\n  m5: member(id: $m5) { id }\n  m6: member(id: $m6) { id }\n  m7: member(id: $m7) { id }\n  m8: member(id: $m8) { id }\n  m9: member(id: $m9) { id }\n}"): typeof import('./graphql').AttendanceWalkInsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EventGroupRole($id: ID!) { group(id: $id) { id viewerRole } }"): typeof import('./graphql').EventGroupRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NetworkStatsMembers($ids: [ID!]!, $from: DateTime!, $before: DateTime!) {\n  networkMemberFigures(memberIds: $ids, joinedFrom: $from, joinedBefore: $before) { memberId territoryCode inMetropole joinedAt }\n}"): typeof import('./graphql').NetworkStatsMembersDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
