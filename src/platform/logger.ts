import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs on stdout; secrets and personal data in known places are redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.code'],
      censor: '[redacted]',
    },
  };
  // Tests read the lines back from a stream of their own.
  return destination ? pino(options, destination) : pino(options);
}
