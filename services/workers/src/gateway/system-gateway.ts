import { createTokenSigner, SYSTEM_ISSUER, type TokenSigner } from '@metropotes/auth';
import { isUuid } from '../jobs/job-handler';

/** A temporary failure to reach a service through the gateway (down, error answer): the job is retried. */
export class GatewayCallError extends Error {
  override name = 'GatewayCallError';
}

export interface MemberForMail {
  id: string;
  email: string | null;
  displayName: string;
  eventReminders: boolean;
}


/**
 * GraphQL through the gateway as the system (the workers never read another service's tables).
 * One signed token per call, a timeout, errors turned into retries.
 */
export class SystemGateway {
  private signer: Promise<TokenSigner> | null = null;

  constructor(
    private readonly gatewayUrl: string,
    private readonly systemPrivateKey: string,
    private readonly timeoutMs = 15_000,
  ) {}

  /** Imports the system key now (a bad key fails here rather than at the first call). */
  async ready(): Promise<void> {
    await this.tokenSigner();
  }

  /** `options.timeoutMs`: this call's bound instead of the client's. */
  async call<T>(query: string, variables: Record<string, unknown> = {}, options: { timeoutMs?: number } = {}): Promise<T> {
    const token = await (await this.tokenSigner()).sign({ sub: 'workers', role: 'SYSTEM' }, 120);
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
      });
    } catch (error) {
      throw new GatewayCallError(`gateway unreachable: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
    if (!body) throw new GatewayCallError(`gateway answered HTTP ${response.status} without JSON`);
    if (body.errors?.length) {
      const codes = body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ');
      throw new GatewayCallError(`gateway answered HTTP ${response.status} with errors: ${codes}`);
    }
    if (!response.ok || !body.data) throw new GatewayCallError(`gateway answered HTTP ${response.status} without data`);
    return body.data;
  }

  private tokenSigner(): Promise<TokenSigner> {
    this.signer ??= createTokenSigner(this.systemPrivateKey, SYSTEM_ISSUER);
    return this.signer;
  }

  /**
   * Address, name and reminder preference of many members in one request (aliased `member(id)` fields, which
   * the members service batches into one query). Unknown or erased members are absent from the map.
   */
  async membersForMail(ids: readonly string[], batchSize = 200): Promise<Map<string, MemberForMail>> {
    const unique = [...new Set(ids)].filter(isUuid);
    const found = new Map<string, MemberForMail>();
    for (let i = 0; i < unique.length; i += batchSize) {
      const batch = unique.slice(i, i + batchSize);
      const vars = batch.map((_, j) => `$m${j}: ID!`).join(', ');
      const fields = batch
        .map((_, j) => `m${j}: member(id: $m${j}) { id email displayName notificationPreferences { eventReminders } }`)
        .join('\n');
      const data = await this.call<Record<string, { id: string; email: string | null; displayName: string; notificationPreferences: { eventReminders: boolean } | null } | null>>(
        `query WorkerMembersForMail(${vars}) {\n${fields}\n}`,
        Object.fromEntries(batch.map((id, j) => [`m${j}`, id])),
      );
      for (const member of Object.values(data)) {
        if (!member?.email) continue;
        found.set(member.id, {
          id: member.id,
          email: member.email,
          displayName: member.displayName,
          eventReminders: member.notificationPreferences?.eventReminders ?? true,
        });
      }
    }
    return found;
  }
}
