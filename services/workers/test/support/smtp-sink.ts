import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What the sink answers to a recipient: accept (null) or an SMTP error code and text. */
export type RcptAnswer = { code: number; message: string } | null;

/** A real SMTP server on loopback that keeps every message it accepts, parsed. */
export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Called for each RCPT TO; replace it to make the server refuse. */
  answerRcpt: (address: string) => RcptAnswer;
  /** Delay before accepting a message's data (to widen race windows). */
  dataDelayMs: number;
  /** Every RCPT TO the server saw, accepted or not. */
  rcptLog: string[];
  byEmailId(emailId: string): ParsedMail[];
  stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    messages: [],
    answerRcpt: () => null,
    dataDelayMs: 0,
    rcptLog: [],
    byEmailId: (emailId) => sink.messages.filter((m) => m.headers.get('x-metropotes-email-id') === emailId),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      sink.rcptLog.push(address.address);
      const answer = sink.answerRcpt(address.address);
      if (!answer) return callback();
      const error = new Error(answer.message) as Error & { responseCode: number };
      error.responseCode = answer.code;
      return callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) =>
          setTimeout(() => {
            sink.messages.push(parsed);
            callback();
          }, sink.dataDelayMs),
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}
