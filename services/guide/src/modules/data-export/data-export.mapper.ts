/** What the service knows of members' `DataExport` entity: its key (the export's fields are resolved from it). */
export interface DataExportRef {
  memberId: string;
}
