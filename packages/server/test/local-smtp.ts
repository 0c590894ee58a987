/**
 * A local SMTP server for the reminder tests (smtp-server, no TLS, no authentication) that keeps
 * every message it receives, and the reading of a quoted-printable message.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the server received it: its recipients and its raw text. */
export interface Mail {
  to: string[];
  raw: string;
}

export interface LocalSmtp {
  /** `smtp://127.0.0.1:<port>`, for `FS_SMTP_URL`. */
  url: string;
  port: number;
  /** Every message received so far, in order. */
  mails: Mail[];
  close(): Promise<void>;
}

/** Starts a local SMTP server on a free port of 127.0.0.1. */
export async function startLocalSmtp(): Promise<LocalSmtp> {
  const mails: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** The text of a quoted-printable message, as a reader sees it. */
export const unquote = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
