import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with OWASP's minimum (19 MiB, 2 passes): sign-up, reset, and the seed's demo accounts. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The argon2 operations a hasher ran since it was built (what the login test compares; two counters, no timing). */
export interface HasherCounts {
  hashes: number;
  verifies: number;
}

/**
 * The members process's one password hasher, built once in its composition root (`compose.ts`). It holds the dummy
 * hash that a log-in with an unknown address is verified against, computed once at boot: an unknown address then costs
 * one verify, as a known one does (the answer, and its time, must not tell whether the address has an account).
 */
export class PasswordHasher {
  private readonly counts: HasherCounts = { hashes: 0, verifies: 0 };

  private constructor(private dummy: string) {}

  /** Computes the dummy hash (one argon2 hash, at boot) and returns the hasher. */
  static async create(): Promise<PasswordHasher> {
    return new PasswordHasher(await argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS));
  }

  async hash(password: string): Promise<string> {
    this.counts.hashes += 1;
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /** Whether the password matches the hash; false (never an error) for a malformed hash. */
  async verify(hash: string, password: string): Promise<boolean> {
    this.counts.verifies += 1;
    return argon2.verify(hash, password).catch(() => false);
  }

  /**
   * Verifies against the stored hash, or against the dummy hash when there is none (unknown address, account without a
   * password): the same one verify either way; false then.
   */
  async verifyOrDummy(hash: string | null | undefined, password: string): Promise<boolean> {
    const ok = await this.verify(hash ?? this.dummy, password);
    return hash ? ok : false;
  }

  /** The argon2 operations run so far by this hasher (a copy). */
  operations(): HasherCounts {
    return { ...this.counts };
  }
}
