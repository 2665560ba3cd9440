/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type MemberRole =
  | 'ADMIN'
  | 'MEMBER'
  /** The animation team. */
  | 'STAFF';

export type ModerationMemberRoleQueryVariables = Exact<{
  id: string | number;
}>;


export type ModerationMemberRoleQuery = { member: { role: MemberRole } | null };

export type ReporterStandingQueryVariables = Exact<{ [key: string]: never; }>;


export type ReporterStandingQuery = { me: { emailVerified: boolean | null, joinedAt: string } | null };

export type ReportTargetMemberQueryVariables = Exact<{
  id: string | number;
}>;


export type ReportTargetMemberQuery = { target: { id: string } | null };

export type ReportTargetEventQueryVariables = Exact<{
  id: string | number;
}>;


export type ReportTargetEventQuery = { target: { id: string } | null };

export type ReportTargetGuideArticleQueryVariables = Exact<{
  id: string | number;
}>;


export type ReportTargetGuideArticleQuery = { target: { id: string } | null };

export type ReportTargetWatchItemQueryVariables = Exact<{
  id: string | number;
}>;


export type ReportTargetWatchItemQuery = { target: { id: string } | null };

export type ReportTargetGroupQueryVariables = Exact<{
  id: string | number;
}>;


export type ReportTargetGroupQuery = { target: { id: string } | null };

export type ReportTargetGroupMessageQueryVariables = Exact<{
  id: string | number;
}>;


export type ReportTargetGroupMessageQuery = { target: { id: string } | null };

export type ReportTargetEventMessageQueryVariables = Exact<{
  id: string | number;
}>;


export type ReportTargetEventMessageQuery = { target: { id: string } | null };

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

export const ModerationMemberRoleDocument = new TypedDocumentString(`
    query ModerationMemberRole($id: ID!) {
  member(id: $id) {
    role
  }
}
    `) as unknown as TypedDocumentString<ModerationMemberRoleQuery, ModerationMemberRoleQueryVariables>;
export const ReporterStandingDocument = new TypedDocumentString(`
    query ReporterStanding {
  me {
    emailVerified
    joinedAt
  }
}
    `) as unknown as TypedDocumentString<ReporterStandingQuery, ReporterStandingQueryVariables>;
export const ReportTargetMemberDocument = new TypedDocumentString(`
    query ReportTargetMember($id: ID!) {
  target: member(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReportTargetMemberQuery, ReportTargetMemberQueryVariables>;
export const ReportTargetEventDocument = new TypedDocumentString(`
    query ReportTargetEvent($id: ID!) {
  target: event(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReportTargetEventQuery, ReportTargetEventQueryVariables>;
export const ReportTargetGuideArticleDocument = new TypedDocumentString(`
    query ReportTargetGuideArticle($id: ID!) {
  target: guideArticle(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReportTargetGuideArticleQuery, ReportTargetGuideArticleQueryVariables>;
export const ReportTargetWatchItemDocument = new TypedDocumentString(`
    query ReportTargetWatchItem($id: ID!) {
  target: watchItem(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReportTargetWatchItemQuery, ReportTargetWatchItemQueryVariables>;
export const ReportTargetGroupDocument = new TypedDocumentString(`
    query ReportTargetGroup($id: ID!) {
  target: group(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReportTargetGroupQuery, ReportTargetGroupQueryVariables>;
export const ReportTargetGroupMessageDocument = new TypedDocumentString(`
    query ReportTargetGroupMessage($id: ID!) {
  target: groupMessage(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReportTargetGroupMessageQuery, ReportTargetGroupMessageQueryVariables>;
export const ReportTargetEventMessageDocument = new TypedDocumentString(`
    query ReportTargetEventMessage($id: ID!) {
  target: eventMessage(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReportTargetEventMessageQuery, ReportTargetEventMessageQueryVariables>;