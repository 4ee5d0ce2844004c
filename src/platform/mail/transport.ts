import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per message, so a receiving server can recognise a retried delivery. */
  messageId: string;
}

/** Where e-mail goes: a real SMTP server, or nowhere (the stored outbox is the mailbox). */
export interface MailTransport {
  kind: 'outbox' | 'smtp';
  deliver(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const outboxTransport: MailTransport = {
  kind: 'outbox',
  async deliver() {
    // Nothing to do: the message row in `mail_messages` is what `/dev/outbox` shows.
  },
  close() {},
};

export function smtpTransport(url: string): MailTransport {
  // nodemailer waits up to 2 minutes to connect and 10 for an idle socket; a stuck server must
  // not hold a delivery beyond the mailer's claim on the message (DELIVERY_LEASE_MS).
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    kind: 'smtp',
    async deliver(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
    },
    close: () => transporter.close(),
  };
}
