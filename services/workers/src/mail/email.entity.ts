import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * - pending: must go out (a delivery job carries its id);
 * - sent: the SMTP server accepted it;
 * - suppressed: nothing to send (member unknown or erased);
 * - dead: refused for good (permanent SMTP error, attempts exhausted, template not writable).
 */
/** A file sent with an e-mail, kept in the ledger as text (an .ics: no secret, no personal data). */
export interface EmailAttachment {
  filename: string;
  /** With its parameters, e.g. `text/calendar; charset=utf-8; method=PUBLISH`. */
  contentType: string;
  content: string;
}

export type EmailState = 'pending' | 'sent' | 'suppressed' | 'dead';

/** One e-mail that must go out. Postgres holds the truth; the queue carries row ids only. */
@Entity({ name: 'emails' })
export class EmailEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'dedupe_key', type: 'text' }) dedupeKey!: string;
  @Column({ type: 'text' }) template!: string;
  @Column({ name: 'member_id', type: 'uuid' }) memberId!: string;
  /** Null when suppressed, and once the member is erased. */
  @Column({ name: 'to_address', type: 'text', nullable: true }) toAddress!: string | null;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  @Column({ type: 'text', nullable: true }) html!: string | null;
  @Column({ type: 'text', nullable: true }) text!: string | null;
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` }) headers!: Record<string, string>;
  /** Sent with the e-mail (the event's .ics); emptied when the member is erased. */
  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` }) attachments!: EmailAttachment[];
  /**
   * The row the secret of the e-mail's link is derived from, in members (an account token, an invitation): the
   * workers ask for the secret with it at delivery. Never the secret: html, text and headers show `[lien masqué]`.
   */
  @Column({ name: 'link_id', type: 'uuid', nullable: true }) linkId!: string | null;
  @Column({ type: 'text', default: 'pending' }) state!: EmailState;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}
