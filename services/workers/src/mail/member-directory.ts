import { createTokenSigner, SYSTEM_ISSUER, type TokenSigner } from '@metropotes/auth';

export interface MemberContact {
  /** Null when the member has no address any more (erased). */
  email: string | null;
  displayName: string;
}

const MEMBER_CONTACT = `query WorkerMemberContact($id: ID!) { member(id: $id) { email displayName } }`;

/** A temporary failure to read a member (gateway down, error answer): the job is retried. */
export class MemberDirectoryError extends Error {
  override name = 'MemberDirectoryError';
}

/** Reads members through the gateway, as the system (the workers never read another service's tables). */
export class MemberDirectory {
  private constructor(
    private readonly gatewayUrl: string,
    private readonly signer: TokenSigner,
    private readonly timeoutMs: number,
  ) {}

  static async create(options: { gatewayUrl: string; systemPrivateKey: string; timeoutMs?: number }): Promise<MemberDirectory> {
    const signer = await createTokenSigner(options.systemPrivateKey, SYSTEM_ISSUER);
    return new MemberDirectory(options.gatewayUrl, signer, options.timeoutMs ?? 10_000);
  }

  /** The member's address and name, or null when no such member exists (or they were erased). */
  async contact(memberId: string): Promise<MemberContact | null> {
    const token = await this.signer.sign({ sub: 'workers', role: 'SYSTEM' }, 120);
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: MEMBER_CONTACT, variables: { id: memberId } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new MemberDirectoryError(`gateway unreachable: ${(error as Error).message}`);
    }
    let body: { data?: { member?: MemberContact | null } | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new MemberDirectoryError(`gateway answered HTTP ${response.status} without JSON`);
    }
    if (body.errors?.length) {
      const codes = body.errors.map((e) => e.extensions?.code ?? e.message).join(', ');
      throw new MemberDirectoryError(`gateway answered HTTP ${response.status} with errors: ${codes}`);
    }
    if (!response.ok || !body.data || !('member' in body.data)) {
      throw new MemberDirectoryError(`gateway answered HTTP ${response.status} without data`);
    }
    return body.data.member ?? null;
  }
}
