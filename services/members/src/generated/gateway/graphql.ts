/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A theme of the network's shared taxonomy. */
export type Theme =
  /** Alimentation */
  | 'ALIMENTATION'
  /** Budget participatif */
  | 'BUDGET_PARTICIPATIF'
  /** Culture */
  | 'CULTURE'
  /** Démocratie locale */
  | 'DEMOCRATIE_LOCALE'
  /** Éducation et jeunesse */
  | 'EDUCATION'
  /** Emploi et insertion */
  | 'EMPLOI'
  /** Environnement et climat */
  | 'ENVIRONNEMENT'
  /** Espace public et cadre de vie */
  | 'ESPACE_PUBLIC'
  /** Logement */
  | 'LOGEMENT'
  /** Numérique */
  | 'NUMERIQUE'
  /** Santé */
  | 'SANTE'
  /** Tranquillité publique */
  | 'SECURITE'
  /** Solidarité */
  | 'SOLIDARITE'
  /** Sport */
  | 'SPORT'
  /** Transports et mobilités */
  | 'TRANSPORTS'
  /** Urbanisme et aménagement */
  | 'URBANISME';

export type AssembleDataExportQueryVariables = Exact<{ [key: string]: never; }>;


export type AssembleDataExportQuery = { myData: { memberId: string, exportedAt: string, version: number, members: unknown, events: unknown, guide: unknown, moderation: unknown, workers: unknown } };

export type ProspectWatchItemQueryVariables = Exact<{
  id: string | number;
}>;


export type ProspectWatchItemQuery = { watchItem: { id: string, title: string, themes: Array<Theme>, communes: Array<{ code: string }> } | null };

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

export const AssembleDataExportDocument = new TypedDocumentString(`
    query AssembleDataExport {
  myData {
    memberId
    exportedAt
    version
    members
    events
    guide
    moderation
    workers
  }
}
    `) as unknown as TypedDocumentString<AssembleDataExportQuery, AssembleDataExportQueryVariables>;
export const ProspectWatchItemDocument = new TypedDocumentString(`
    query ProspectWatchItem($id: ID!) {
  watchItem(id: $id) {
    id
    title
    communes {
      code
    }
    themes
  }
}
    `) as unknown as TypedDocumentString<ProspectWatchItemQuery, ProspectWatchItemQueryVariables>;