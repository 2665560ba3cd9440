import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId?: string;
  headers: Record<string, string>;
  /** Text attachments (an event's .ics). */
  attachments?: { filename: string; contentType: string; content: string }[];
}

export interface MailSender {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export interface SmtpOptions {
  url: string;
  poolSize: number;
  timeoutMs: number;
}

/** A pooled SMTP transport (connections are reused across e-mails). */
export function createSmtpSender(options: SmtpOptions): MailSender {
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  const transport: Transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: options.poolSize,
    maxMessages: 100,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    async send(email) {
      await transport.sendMail({
        // Quoted-printable, what nodemailer picks for French text (more Latin letters than others) after counting the
        // letters of every part and encoded header: said here, it skips the count. A text in another script (a group
        // message) is quoted-printable too rather than base64: as valid, and the same once decoded.
        textEncoding: 'quoted-printable',
        from: email.from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
        headers: email.headers,
        ...(email.attachments?.length
          ? { attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) }
          : {}),
      });
    },
    close: () => transport.close(),
  };
}

/**
 * Whether an SMTP failure may succeed later. 5xx answers and refused addresses are permanent;
 * 4xx answers, timeouts, connection and authentication problems are temporary (a configuration
 * problem must not kill every e-mail).
 */
export function isPermanentSmtpError(error: unknown): boolean {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (code === 'EAUTH') return false;
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600;
  // Nodemailer refuses a malformed or missing recipient before talking to the server.
  return code === 'EENVELOPE';
}

export function describeSmtpError(error: unknown): string {
  const { responseCode, code, message } = (error ?? {}) as { responseCode?: unknown; code?: unknown; message?: unknown };
  const parts = [typeof code === 'string' ? code : null, typeof responseCode === 'number' ? String(responseCode) : null].filter(Boolean);
  const text = typeof message === 'string' ? message : String(error);
  return `${parts.length ? `[${parts.join(' ')}] ` : ''}${text}`.slice(0, 1000);
}
