/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type GroupRole =
  | 'ADMIN'
  | 'MEMBER';

export type AttendanceWalkInsQueryVariables = Exact<{
  m0: string | number;
  m1: string | number;
  m2: string | number;
  m3: string | number;
  m4: string | number;
  m5: string | number;
  m6: string | number;
  m7: string | number;
  m8: string | number;
  m9: string | number;
}>;


export type AttendanceWalkInsQuery = { m0: { id: string } | null, m1: { id: string } | null, m2: { id: string } | null, m3: { id: string } | null, m4: { id: string } | null, m5: { id: string } | null, m6: { id: string } | null, m7: { id: string } | null, m8: { id: string } | null, m9: { id: string } | null };

export type EventGroupRoleQueryVariables = Exact<{
  id: string | number;
}>;


export type EventGroupRoleQuery = { group: { id: string, viewerRole: GroupRole | null } | null };

export type NetworkStatsMembersQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
  from: string;
  before: string;
}>;


export type NetworkStatsMembersQuery = { networkMemberFigures: Array<{ memberId: string, territoryCode: string | null, inMetropole: boolean | null, joinedAt: string }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const AttendanceWalkInsDocument = new TypedDocumentString(`
    query AttendanceWalkIns($m0: ID!, $m1: ID!, $m2: ID!, $m3: ID!, $m4: ID!, $m5: ID!, $m6: ID!, $m7: ID!, $m8: ID!, $m9: ID!) {
  m0: member(id: $m0) {
    id
  }
  m1: member(id: $m1) {
    id
  }
  m2: member(id: $m2) {
    id
  }
  m3: member(id: $m3) {
    id
  }
  m4: member(id: $m4) {
    id
  }
  m5: member(id: $m5) {
    id
  }
  m6: member(id: $m6) {
    id
  }
  m7: member(id: $m7) {
    id
  }
  m8: member(id: $m8) {
    id
  }
  m9: member(id: $m9) {
    id
  }
}
    `) as unknown as TypedDocumentString<AttendanceWalkInsQuery, AttendanceWalkInsQueryVariables>;
export const EventGroupRoleDocument = new TypedDocumentString(`
    query EventGroupRole($id: ID!) {
  group(id: $id) {
    id
    viewerRole
  }
}
    `) as unknown as TypedDocumentString<EventGroupRoleQuery, EventGroupRoleQueryVariables>;
export const NetworkStatsMembersDocument = new TypedDocumentString(`
    query NetworkStatsMembers($ids: [ID!]!, $from: DateTime!, $before: DateTime!) {
  networkMemberFigures(memberIds: $ids, joinedFrom: $from, joinedBefore: $before) {
    memberId
    territoryCode
    inMetropole
    joinedAt
  }
}
    `) as unknown as TypedDocumentString<NetworkStatsMembersQuery, NetworkStatsMembersQueryVariables>;