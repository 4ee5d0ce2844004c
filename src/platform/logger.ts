import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs on stdout; secrets and personal data in known places are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.code'],
      censor: '[redacted]',
    },
  });
}
