/**
 * The entities other subgraphs own, as this one receives and returns them: a reference, their key (and the fields
 * events @requires). The gateway asks the owner for the rest. Resolver types map these GraphQL types to them
 * (codegen.resolvers.ts).
 */
export interface MemberRef {
  __typename?: 'Member';
  id: string;
  /** Sent by the gateway for the fields that @require it (Member.attendedEvents, skillsGained, trainingPath). */
  showAttendedEvents?: boolean | null;
}

export interface GroupRef {
  __typename?: 'Group';
  id: string;
}

export interface CommuneRef {
  __typename?: 'Commune';
  code: string;
}

export interface TerritoryRef {
  __typename?: 'Territory';
  code: string;
}

/** Members' data export, of which events resolves its part (DataExport.events). */
export interface DataExportRef {
  __typename?: 'DataExport';
  memberId: string;
}
