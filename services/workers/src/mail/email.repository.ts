import type { Clock } from '@metropotes/config';
import type { DataSource } from 'typeorm';
import { EmailEntity, type EmailAttachment, type EmailState } from './email.entity';

/** What an e-mail row holds to be sent. */
export type EmailContent = Pick<EmailEntity, 'toAddress' | 'subject' | 'html' | 'text' | 'headers' | 'attachments'>;

/** A row under a delivery's lock: its state and attempts, and its content when asked for. */
export interface LockedEmail {
  id: string;
  state: EmailState;
  attempts: number;
  content: EmailContent | null;
}

/** What a delivery writes on its locked row: sent, or a failed attempt (the row pending again, or dead). */
export type RowWrite = { state: 'sent'; attempts: number } | { state: 'pending' | 'dead'; attempts: number; lastError: string };

const CONTENT_COLUMNS = `to_address AS "toAddress", subject, html, text, headers, attachments`;

/** The node-postgres pool under TypeORM's data source (`driver.master`), as the delivery's transaction uses it. */
interface PgPool {
  connect(): Promise<{ query(text: string): Promise<unknown>; escapeLiteral(value: string): string; release(error?: Error): void }>;
}

export interface NewEmail {
  id: string;
  dedupeKey: string;
  template: string;
  /** Null for an e-mail to a prospect (then `prospectId` is set). */
  memberId: string | null;
  prospectId?: string | null;
  state: Extract<EmailState, 'pending' | 'suppressed' | 'dead'>;
  toAddress: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  /** Files sent with it (an event's .ics); none by default. */
  attachments?: EmailAttachment[];
  lastError: string | null;
  /** A digest: the end of what it tells about (its run's `now`); the member's next digest starts there. */
  coversUntil?: Date | null;
  /** An e-mail with a secret link (verification, reset, invitation): the id members derives the secret from. */
  linkId?: string | null;
}

/**
 * SQL over workers.emails. A row's `created_at` is the workers' clock (`clock`) when it is written, not the
 * database's: a digest's start is read from it (`coalesce(covers_until, created_at)`) and compared with a run's `now`.
 */
export class EmailRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  findById(id: string): Promise<EmailEntity | null> {
    return this.dataSource.manager.findOneBy(EmailEntity, { id });
  }

  findByDedupeKey(dedupeKey: string): Promise<EmailEntity | null> {
    return this.dataSource.manager.findOneBy(EmailEntity, { dedupeKey });
  }

  /** The id and state of the e-mail written for `dedupeKey` (none: not written yet); its content is not read. */
  async stateByDedupeKey(dedupeKey: string): Promise<{ id: string; state: EmailState } | null> {
    const rows: { id: string; state: EmailState }[] = await this.dataSource.query(`SELECT id, state FROM workers.emails WHERE dedupe_key = $1`, [
      dedupeKey,
    ]);
    return rows[0] ?? null;
  }

  /**
   * Inserts the e-mail unless one with its dedupe key exists; returns the row that holds the key (its id and state),
   * `inserted` when this call wrote it (one round trip; a second only when the key was taken).
   */
  async insertOnce(email: NewEmail): Promise<{ id: string; state: EmailState; inserted: boolean }> {
    const inserted: { id: string; state: EmailState }[] = await this.dataSource.query(
      `INSERT INTO workers.emails (id, dedupe_key, template, member_id, prospect_id, state, to_address, subject, html, text, headers, last_error, created_at, link_id, attachments)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, state`,
      [
        email.id,
        email.dedupeKey,
        email.template,
        email.memberId,
        email.prospectId ?? null,
        email.state,
        email.toAddress,
        email.subject,
        email.html,
        email.text,
        JSON.stringify(email.headers),
        email.lastError,
        this.clock.now(),
        email.linkId ?? null,
        JSON.stringify(email.attachments ?? []),
      ],
    );
    if (inserted[0]) return { ...inserted[0], inserted: true };
    const row = await this.stateByDedupeKey(email.dedupeKey);
    if (!row) throw new Error(`e-mail with dedupe key ${email.dedupeKey} vanished`);
    return { id: row.id, state: row.state, inserted: false };
  }

  /**
   * Stores many e-mails in one statement, each at most once (a dedupe key already stored is left as it is).
   * Returns the rows this call inserted.
   */
  async insertManyOnce(emails: NewEmail[]): Promise<{ id: string; state: NewEmail['state'] }[]> {
    if (!emails.length) return [];
    const column = <K extends keyof NewEmail>(key: K) => emails.map((e) => e[key]);
    return this.dataSource.query(
      `INSERT INTO workers.emails (id, dedupe_key, template, member_id, prospect_id, state, to_address, subject, html, text, headers, last_error, covers_until, link_id, attachments, created_at)
       SELECT *, $16::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::text[], $13::timestamptz[], $14::uuid[], $15::jsonb[])
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, state`,
      [
        column('id'),
        column('dedupeKey'),
        column('template'),
        column('memberId'),
        emails.map((e) => e.prospectId ?? null),
        column('state'),
        column('toAddress'),
        column('subject'),
        column('html'),
        column('text'),
        emails.map((e) => JSON.stringify(e.headers)),
        column('lastError'),
        emails.map((e) => e.coversUntil ?? null),
        emails.map((e) => e.linkId ?? null),
        emails.map((e) => JSON.stringify(e.attachments ?? [])),
        this.clock.now(),
      ],
    );
  }

  /** Ids of pending e-mails after `after` (keyset on created_at, id), oldest first. */
  async pendingIds(limit: number, after?: { createdAt: Date; id: string }): Promise<{ id: string; createdAt: Date }[]> {
    const rows: { id: string; created_at: Date }[] = after
      ? await this.dataSource.query(
          `SELECT id, created_at FROM workers.emails WHERE state = 'pending' AND (created_at, id) > ($1, $2)
           ORDER BY created_at, id LIMIT $3`,
          [after.createdAt, after.id, limit],
        )
      : await this.dataSource.query(`SELECT id, created_at FROM workers.emails WHERE state = 'pending' ORDER BY created_at, id LIMIT $1`, [limit]);
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at }));
  }

  /**
   * Runs `work` on the row locked FOR UPDATE, in a transaction, or returns null without waiting when
   * the row is missing or another delivery holds it. The lock is what makes a delivery run at most once
   * at a time; the state it reads decides whether anything is sent. `readContent`: the row's content (what is sent) is
   * read with it; without, only its state and attempts (the caller has just written the row and holds its content,
   * which does not change while the row is pending: an erasure deletes the row, a prospect's forgetting closes it).
   * What `work` returns to write (`write`: sent, or the failure) is written to the row as the transaction commits.
   *
   * Two round trips around `work`, not four: `BEGIN`, the idle timeout raised (the transaction stays open while the
   * SMTP server answers: allow for its timeouts) and the locking SELECT go as one simple query, the UPDATE and `COMMIT`
   * as another (several statements in one message: the simple-query protocol, whose values are escaped by the driver,
   * `escapeLiteral`, rather than bound).
   */
  async withLockedRow<T>(
    id: string,
    idleTimeoutMs: number,
    readContent: boolean,
    work: (row: LockedEmail) => Promise<{ write: RowWrite | null; result: T }>,
  ): Promise<T | null> {
    const client = await (this.dataSource.driver as unknown as { master: PgPool }).master.connect();
    const literal = (value: string) => client.escapeLiteral(value);
    let broken: Error | undefined;
    try {
      const [, , locked] = (await client.query(
        `BEGIN; SET LOCAL idle_in_transaction_session_timeout = ${Math.ceil(idleTimeoutMs)};
         SELECT id, state, attempts${readContent ? `, ${CONTENT_COLUMNS}` : ''} FROM workers.emails WHERE id = ${literal(id)} FOR UPDATE SKIP LOCKED`,
      )) as { rows: (LockedEmail & EmailContent)[] }[];
      const row = locked!.rows[0];
      if (!row) {
        await client.query('COMMIT');
        return null;
      }
      const { toAddress, subject, html, text, headers, attachments } = row;
      const content = readContent ? { toAddress, subject, html, text, headers, attachments } : null;
      const { write, result } = await work({ id: row.id, state: row.state, attempts: row.attempts, content });
      const update = !write
        ? ''
        : write.state === 'sent'
          ? `UPDATE workers.emails SET state = 'sent', attempts = ${write.attempts}, last_error = NULL, sent_at = ${literal(this.clock.now().toISOString())} WHERE id = ${literal(id)}; `
          : `UPDATE workers.emails SET state = ${literal(write.state)}, attempts = ${write.attempts}, last_error = ${literal(write.lastError)} WHERE id = ${literal(id)}; `;
      await client.query(`${update}COMMIT`);
      return result;
    } catch (error) {
      // The transaction is left as it is: the connection is closed instead of going back to the pool, and PostgreSQL
      // rolls it back (nothing written, the lock released).
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Member erased: their e-mails go from the ledger, rows and all: those not yet sent never will be (a delivery job
   * finds no row and sends nothing), and no address, content, dedupe key or id of theirs is kept (dedupe keys name
   * the member: `welcome:<member>`, `reminder:<event>:<member>:…`).
   */
  async forgetMember(memberId: string): Promise<number> {
    const [, affected] = (await this.dataSource.query(`DELETE FROM workers.emails WHERE member_id = $1`, [memberId])) as [unknown, number];
    return affected;
  }

  /** A member's data export: their e-mails as subject and dates, never the bodies (they carry links). Oldest first. */
  async ofMemberForExport(
    memberId: string,
  ): Promise<{ template: string; subject: string | null; state: string; createdAt: Date; sentAt: Date | null }[]> {
    return this.dataSource.query(
      `SELECT template, subject, state, created_at AS "createdAt", sent_at AS "sentAt" FROM workers.emails
       WHERE member_id = $1 ORDER BY created_at, id`,
      [memberId],
    );
  }

  /** Prospect declined or minimised: likewise for its e-mails. */
  forgetProspect(prospectId: string): Promise<number> {
    return this.forget('prospect_id', prospectId, 'prospect forgotten');
  }

  /** Suppresses the recipient's pending e-mails (with `reason`) and wipes the address and content of all of them. */
  private async forget(recipient: 'member_id' | 'prospect_id', id: string, reason: string): Promise<number> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE workers.emails
       SET state = CASE WHEN state = 'pending' THEN 'suppressed' ELSE state END,
           last_error = CASE WHEN state = 'pending' THEN $2 ELSE last_error END,
           to_address = NULL, subject = NULL, html = NULL, text = NULL, attachments = '[]'::jsonb
       WHERE ${recipient} = $1`,
      [id, reason],
    )) as [unknown, number];
    return affected;
  }
}
