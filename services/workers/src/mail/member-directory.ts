import { GatewayCallError, SystemGateway } from '../gateway/system-gateway';

export interface MemberContact {
  /** Null when the member has no address any more (erased). */
  email: string | null;
  displayName: string;
}

const MEMBER_CONTACT = `query WorkerMemberContact($id: ID!) { member(id: $id) { email displayName } }`;

/**
 * Reads members through the gateway, as the system (the workers never read another service's tables). A failure to
 * read (gateway down, error answer) is a GatewayCallError: the job is retried.
 */
export class MemberDirectory {
  constructor(
    private readonly gateway: SystemGateway,
    private readonly timeoutMs = 10_000,
  ) {}

  /** A directory with a gateway client of its own (its key imported now). */
  static async create(options: { gatewayUrl: string; systemPrivateKey: string; timeoutMs?: number }): Promise<MemberDirectory> {
    const gateway = new SystemGateway(options.gatewayUrl, options.systemPrivateKey);
    await gateway.ready();
    return new MemberDirectory(gateway, options.timeoutMs);
  }

  /** The member's address and name, or null when no such member exists (or they were erased). */
  async contact(memberId: string): Promise<MemberContact | null> {
    const data = await this.gateway.call<{ member?: MemberContact | null }>(MEMBER_CONTACT, { id: memberId }, { timeoutMs: this.timeoutMs });
    if (!('member' in data)) throw new GatewayCallError('gateway answered without data');
    return data.member ?? null;
  }
}
