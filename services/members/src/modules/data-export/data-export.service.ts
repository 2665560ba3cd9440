import type { Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { apiError, type GatewayClient, requireMember, requireSelf } from '@metropotes/graphql-kit';
import type { JobQueues, MemberEmailsReply } from '@metropotes/jobs';
import type { AccountService } from '../accounts';
import { graphql } from '../../generated/gateway';

/** The version of the export document's format (README, « RGPD »). 1: the members service's part alone. */
export const DATA_EXPORT_VERSION = 2;

/** The services whose parts make the export, in the document's order. */
export const DATA_EXPORT_PARTS = ['members', 'events', 'guide', 'moderation', 'workers'] as const;

/** The `DataExport` entity as this subgraph resolves it (the key). */
export interface DataExportRef {
  memberId: string;
}

/** Every part of DATA_EXPORT_PARTS (test/data-export checks the document has them all). */
const ASSEMBLE = graphql(`
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
`);

/**
 * The member's data export. `myData` is the entity: members gives the key, the date, its own part and the workers'
 * (asked with a `member.data-export` request job: the e-mail ledger is theirs), and events, guide and moderation
 * contribute theirs through the gateway. `myDataExport` asks the gateway for `myData` with the member's own token and
 * returns it as one JSON document: `{ format, version, exportedAt, memberId, members, events, guide, moderation,
 * workers }`, each part carrying `service`. A part that cannot be read fails the whole export (SERVICE_UNAVAILABLE):
 * an export that looks complete must be.
 */
export class DataExportService {
  constructor(
    private readonly viewer: Viewer,
    private readonly accounts: AccountService,
    private readonly jobs: JobQueues,
    private readonly gateway: GatewayClient,
    private readonly clock: Clock,
    private readonly workersTimeoutMs: number,
  ) {}

  /** The signed-in member's export entity. */
  async mine(): Promise<DataExportRef> {
    const memberId = requireMember(this.viewer);
    await this.accounts.assertActive(memberId);
    return { memberId };
  }

  /** A reference from the gateway: the member themself only. */
  own(ref: DataExportRef): string {
    return requireSelf(this.viewer, ref.memberId);
  }

  exportedAt(): Date {
    return this.clock.now();
  }

  async membersPart(ref: DataExportRef): Promise<Record<string, unknown>> {
    return this.accounts.exportData(this.own(ref));
  }

  async workersPart(ref: DataExportRef): Promise<Record<string, unknown>> {
    const memberId = this.own(ref);
    let reply: MemberEmailsReply | null;
    try {
      reply = await this.jobs.request('member.data-export', { memberId }, { timeoutMs: this.workersTimeoutMs });
    } catch {
      reply = null; // Redis refused: same answer as workers that do not answer
    }
    if (!reply?.ok) {
      throw apiError(
        'SERVICE_UNAVAILABLE',
        "L'export de vos données n'a pas pu être préparé : le service des e-mails ne répond pas. Réessayez dans un instant.",
        {
          serviceName: 'workers',
        },
      );
    }
    return { service: 'workers', emails: reply.emails };
  }

  /** The one JSON document of `myDataExport`, assembled by the gateway from every service's part. */
  async document(): Promise<Record<string, unknown>> {
    requireMember(this.viewer);
    const data = await this.gateway.query(ASSEMBLE, {});
    const { memberId, exportedAt, version, ...parts } = data.myData;
    return {
      format: 'metropotes-data-export',
      version,
      exportedAt,
      memberId,
      ...Object.fromEntries(DATA_EXPORT_PARTS.map((name) => [name, parts[name]])),
    };
  }
}
