import { createTokenSigner, SYSTEM_ISSUER, type TokenSigner } from '@metropotes/auth';

export interface ProspectMailInfo {
  address: string;
  name: string;
  message: string | null;
}

const FOR_MAIL = `query WorkerProspectForMail($id: ID!, $invitationId: ID) {
  prospectForMail(id: $id, invitationId: $invitationId) { address name message }
}`;
const MINIMISE = `mutation WorkerMinimiseProspects($now: DateTime) { minimiseInactiveProspects(now: $now) { erased } }`;

/** A temporary failure to reach members through the gateway: the job is retried. */
export class ProspectDirectoryError extends Error {
  override name = 'ProspectDirectoryError';
}

/** Outreach through the gateway, as the system (the workers never read the members' tables). */
export class ProspectDirectory {
  private signer: Promise<TokenSigner> | null = null;

  constructor(
    private readonly gatewayUrl: string,
    private readonly systemPrivateKey: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Address, name and message of the invitation; null when the prospect must not (or cannot) be e-mailed. */
  async forMail(prospectId: string, invitationId: string): Promise<ProspectMailInfo | null> {
    const data = await this.call<{ prospectForMail: ProspectMailInfo | null }>(FOR_MAIL, { id: prospectId, invitationId });
    return data.prospectForMail ?? null;
  }

  async minimise(now?: Date): Promise<number> {
    const data = await this.call<{ minimiseInactiveProspects: { erased: number } }>(MINIMISE, { now: now?.toISOString() ?? null });
    return data.minimiseInactiveProspects.erased;
  }

  private async call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    this.signer ??= createTokenSigner(this.systemPrivateKey, SYSTEM_ISSUER);
    const token = await (await this.signer).sign({ sub: 'workers', role: 'SYSTEM' }, 120);
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ProspectDirectoryError(`gateway unreachable: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
    if (!body) throw new ProspectDirectoryError(`gateway answered HTTP ${response.status} without JSON`);
    if (body.errors?.length) {
      const codes = body.errors.map((e) => e.extensions?.code ?? e.message).join(', ');
      throw new ProspectDirectoryError(`gateway answered HTTP ${response.status} with errors: ${codes}`);
    }
    if (!response.ok || !body.data) throw new ProspectDirectoryError(`gateway answered HTTP ${response.status} without data`);
    return body.data;
  }
}
