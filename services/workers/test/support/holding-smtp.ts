import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface HoldingSmtp {
  url: string;
  /** E-mail ids (X-Metropotes-Email-Id) of the messages the server answered 250 to: the delivered ones. */
  delivered: string[];
  /** Resolves with the e-mail id of the held message once the server has all of it (and has not answered). */
  held: Promise<string>;
  /** Answers 250 to the held message: its sender's transaction completes and it counts as delivered. */
  release(): void;
  stop(): Promise<void>;
}

/**
 * An SMTP server on loopback that holds, without answering, the first message whose text contains `holdMarker`:
 * its sender is left waiting for the end of its DATA until `release()` (or for ever). Every other message is
 * accepted at once. Only messages answered 250 count as delivered.
 */
export async function startHoldingSmtp(holdMarker: string): Promise<HoldingSmtp> {
  const delivered: string[] = [];
  let heldAnswer: (() => void) | null = null;
  let releaseRequested = false;
  let resolveHeld!: (emailId: string) => void;
  const held = new Promise<string>((resolve) => (resolveHeld = resolve));
  let holding = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const emailId = String(parsed.headers.get('x-metropotes-email-id') ?? '');
          const accept = () => {
            delivered.push(emailId);
            callback();
          };
          if (!holding && parsed.text?.includes(holdMarker)) {
            holding = true;
            heldAnswer = accept;
            resolveHeld(emailId);
            if (releaseRequested) accept();
            return; // no answer until release()
          }
          accept();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    held,
    release() {
      releaseRequested = true;
      heldAnswer?.();
      heldAnswer = null;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
