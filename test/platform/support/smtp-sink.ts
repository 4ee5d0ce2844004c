import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMime, type ParsedMail } from './mime';

export interface ReceivedMail extends ParsedMail {
  /** SMTP envelope: MAIL FROM and RCPT TO, as the server saw them. */
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** The next `count` deliveries are refused with this SMTP reply (at DATA or at RCPT TO). */
  refuseNext(count: number, options: { code: number; message: string; at: 'data' | 'rcpt' }): void;
  /** Holds every message at the end of DATA until `release` is called: a slow server. */
  hold(): { reached: Promise<void>; release(): void };
  /** Forgets what was received and any refusal not used yet. */
  reset(): void;
  close(): Promise<void>;
}

type SmtpError = Error & { responseCode: number };

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 and a random port, keeping what
 * it accepts. Plain SMTP only: no STARTTLS (nodemailer would try it and refuse a self-signed
 * certificate) and no AUTH.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const refusals: { code: number; message: string; at: 'data' | 'rcpt' }[] = [];
  let held: { reached: () => void; released: Promise<void> } | null = null;
  const refusal = (at: 'data' | 'rcpt'): SmtpError | null => {
    if (refusals[0]?.at !== at) return null;
    const r = refusals.shift()!;
    return Object.assign(new Error(r.message), { responseCode: r.code });
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(refusal('rcpt'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (held) {
          held.reached();
          await held.released;
        }
        const refused = refusal('data');
        if (refused) return callback(refused);
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom;
        received.push({
          ...parseMime(raw),
          envelopeFrom: from ? from.address : null,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(count, options) {
      for (let i = 0; i < count; i++) refusals.push(options);
    },
    hold() {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((r) => (reached = r));
      held = { reached, released: new Promise<void>((r) => (release = r)) };
      return {
        reached: reachedPromise,
        release: () => {
          held = null;
          release();
        },
      };
    },
    reset() {
      received.length = 0;
      refusals.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
