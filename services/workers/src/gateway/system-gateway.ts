import { createTokenSigner, SYSTEM_ISSUER, type TokenSigner } from '@metropotes/auth';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import DataLoader from 'dataloader';
import { graphql } from '../generated/gateway';
import { isUuid } from '../jobs/job-handler';

/** How long the workers' system token is valid (s); it is signed again halfway. */
const SYSTEM_TOKEN_TTL_SECONDS = 120;
/** members answers at most this many ids a request. */
const MEMBERS_FOR_MAIL_PAGE = 500;
/** Concurrent single reads (one e-mail each) gathered into one request: at most this many. */
export const READ_BATCH_MAX = 100;
/** How long a single read waits for others to share its request (ms). */
export const READ_BATCH_WINDOW_MS = 10;
const MEMBERS_FOR_MAIL = graphql(`
  query WorkerMembersForMail($ids: [ID!]!) {
    systemMembersForMail(memberIds: $ids) {
      memberId
      email
      displayName
      eventReminders
      welcomeFollowUp
    }
  }
`);

/** An operation typed by graphql-codegen (client preset, `documentMode: 'string'`): its text, result and variables. */
export type GatewayOperation<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/** A call `callShared` may send once for several jobs: the operation, its variables, and both as one key. */
interface SharedCall {
  key: string;
  operation: GatewayOperation<unknown, Record<string, unknown>>;
  variables: Record<string, unknown>;
}

interface CallOptions {
  timeoutMs?: number;
}

/** The variables (optional when the operation has none) and the options of a call. */
type VariablesOf<V> = Record<string, never> extends V ? [variables?: V, options?: CallOptions] : [variables: V, options?: CallOptions];

/** A temporary failure to reach a service through the gateway (down, error answer): the job is retried. */
export class GatewayCallError extends Error {
  override name = 'GatewayCallError';
}

export interface MemberForMail {
  id: string;
  email: string | null;
  displayName: string;
  eventReminders: boolean;
  /** The newcomers' follow-up e-mails (the nudge, the note to a buddy). */
  welcomeFollowUp: boolean;
}

/**
 * GraphQL through the gateway as the system (the workers never read another service's tables).
 * A signed system token (renewed every minute), a timeout, errors turned into retries.
 */
export class SystemGateway {
  private signer: Promise<TokenSigner> | null = null;
  /** The token the calls send, signed once for many calls (see `token`). */
  private current: { token: Promise<string>; renewAt: number } | null = null;

  /**
   * One member's contact, batched: the reads of concurrent jobs (within READ_BATCH_WINDOW_MS, at most
   * READ_BATCH_MAX) share one `systemMembersForMail` request. Nothing is cached: each read is answered by a request
   * sent after it was asked, so an address changed since is never served.
   */
  private readonly contacts = new DataLoader<string, MemberForMail | null>(
    async (ids) => {
      const found = await this.membersForMail(ids);
      return ids.map((id) => found.get(id) ?? null);
    },
    { cache: false, maxBatchSize: READ_BATCH_MAX, batchScheduleFn: (send) => setTimeout(send, READ_BATCH_WINDOW_MS) },
  );

  /** Identical calls made at once (same operation, same variables) answered by one request: see `callShared`. */
  private readonly shared = new DataLoader<SharedCall, unknown>(
    async (calls) => {
      // Without a cache, DataLoader hands every call over: identical ones are put together here.
      const sent = new Map<string, Promise<unknown>>();
      const answers = calls.map((shared) => {
        let answer = sent.get(shared.key);
        if (!answer) sent.set(shared.key, (answer = this.call(shared.operation, shared.variables)));
        return answer;
      });
      return Promise.all(answers.map((answer) => answer.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
    },
    { cache: false, maxBatchSize: READ_BATCH_MAX, batchScheduleFn: (send) => setTimeout(send, READ_BATCH_WINDOW_MS) },
  );

  constructor(
    private readonly gatewayUrl: string,
    private readonly systemPrivateKey: string,
    private readonly timeoutMs = 15_000,
  ) {}

  /** Imports the system key now (a bad key fails here rather than at the first call). */
  async ready(): Promise<void> {
    await this.tokenSigner();
  }

  /**
   * One operation typed by graphql-codegen (`graphql(\`query …\`)` in src/, checked against the gateway's schema by
   * `npm run codegen`). `options.timeoutMs`: this call's bound instead of the client's.
   */
  async call<T, V>(operation: GatewayOperation<T, V>, ...[variables, options = {}]: VariablesOf<V>): Promise<T> {
    const query = operation.toString();
    const token = await this.token();
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: variables ?? {} }),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
      });
    } catch (error) {
      throw new GatewayCallError(`gateway unreachable: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as {
      data?: T | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    if (!body) throw new GatewayCallError(`gateway answered HTTP ${response.status} without JSON`);
    if (body.errors?.length) {
      const codes = body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ');
      throw new GatewayCallError(`gateway answered HTTP ${response.status} with errors: ${codes}`);
    }
    if (!response.ok || !body.data) throw new GatewayCallError(`gateway answered HTTP ${response.status} without data`);
    return body.data;
  }

  /**
   * `call`, shared: the same operation with the same variables asked by concurrent jobs within READ_BATCH_WINDOW_MS is
   * sent once and its answer given to each (read-only: callers must not change it). For reads that do not depend on
   * who asks (the public agenda), never for writes.
   */
  async callShared<T, V extends Record<string, unknown>>(operation: GatewayOperation<T, V>, variables: V): Promise<T> {
    const key = JSON.stringify([operation.toString(), variables]);
    return (await this.shared.load({ key, operation, variables } as SharedCall)) as T;
  }

  /**
   * The system token of the calls: valid SYSTEM_TOKEN_TTL_SECONDS, signed again once half of that has passed (real
   * time: a token's lifetime is elapsed time), so every call still has a minute or more. One token for many calls
   * spares a signature per call here, and the gateway and the subgraphs check it once (their verifiers remember the
   * tokens they checked).
   */
  private token(): Promise<string> {
    const now = Date.now();
    if (!this.current || now >= this.current.renewAt) {
      const token = this.tokenSigner().then((signer) => signer.sign({ sub: 'workers', role: 'SYSTEM' }, SYSTEM_TOKEN_TTL_SECONDS));
      this.current = { token, renewAt: now + (SYSTEM_TOKEN_TTL_SECONDS * 1000) / 2 };
      // A failed signature is not kept: the next call signs again.
      token.catch(() => {
        if (this.current?.token === token) this.current = null;
      });
    }
    return this.current.token;
  }

  private tokenSigner(): Promise<TokenSigner> {
    this.signer ??= createTokenSigner(this.systemPrivateKey, SYSTEM_ISSUER);
    return this.signer;
  }

  /**
   * Address, name and reminder preference of many members: members' system query `systemMembersForMail`, 500 ids a
   * request. Unknown or erased members, and members without an address, are absent from the map.
   */
  async membersForMail(ids: readonly string[]): Promise<Map<string, MemberForMail>> {
    const unique = [...new Set(ids)].filter(isUuid);
    const found = new Map<string, MemberForMail>();
    for (let i = 0; i < unique.length; i += MEMBERS_FOR_MAIL_PAGE) {
      const data = await this.call(MEMBERS_FOR_MAIL, { ids: unique.slice(i, i + MEMBERS_FOR_MAIL_PAGE) });
      for (const m of data.systemMembersForMail)
        found.set(m.memberId, {
          id: m.memberId,
          email: m.email,
          displayName: m.displayName,
          eventReminders: m.eventReminders,
          welcomeFollowUp: m.welcomeFollowUp,
        });
    }
    return found;
  }

  /** One member's address, name and preferences (null: unknown, erased or without an address), batched with the reads of concurrent jobs. */
  memberForMail(id: string): Promise<MemberForMail | null> {
    return this.contacts.load(id);
  }
}
