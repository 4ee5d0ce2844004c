import { z } from 'zod';
import { parseStorageUrl } from './platform/storage/create-storage';

/**
 * Every setting Sésame reads, in one schema validated at boot.
 * Nothing else in the code reads `process.env`: pass `Config` down instead.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    // http(s) only: `localhost:3000` parses as a URL with scheme `localhost:` and would break every link in e-mails.
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|pglite:\/\/)/, 'must start with postgres://, postgresql:// or pglite://')
      .default('pglite://./data/db'),
    ALLOW_PGLITE_IN_PRODUCTION: booleanFromEnv.default(false),
    DATA_DIR: z.string().min(1).default('./data'),
    APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Sésame <ne-pas-repondre@sesame.localhost>'),
    SMS_URL: z.literal('outbox').default('outbox'),
    SIGNING_KEY_FILE: z.string().min(1).optional(),
    SIGNING_CERT_ID: z
      .string()
      .regex(/^[A-Z0-9]{4}$/, 'must be 4 characters A-Z or 0-9')
      .default('0001'),
    /** Unset: documents in `<DATA_DIR>/files`. `s3://KEY:SECRET@bucket?endpoint=https://…&region=…`: an S3-compatible store. */
    STORAGE_URL: z
      .string()
      .superRefine((v, ctx) => {
        const parsed = parseStorageUrl(v);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
      })
      .optional(),
    TRUST_PROXY: booleanFromEnv.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DEMO_DATA: booleanFromEnv.optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    /** Threads rendering attestation PDFs off the event loop; 0 renders them on the request's thread. */
    PDF_RENDER_THREADS: z.coerce.number().int().min(0).max(16).default(1),
    /** 2D-Doc texts whose signature checked, remembered so a repeated check skips the ECDSA step; 0 checks every time. */
    VERIFIED_SIGNATURES_REMEMBERED: z.coerce.number().int().min(0).max(1_000_000).default(20_000),
    /** `true`: the clock can be moved at `/dev/horloge` (trying Sésame, browser journeys). Refused in production. */
    ADJUSTABLE_CLOCK: booleanFromEnv.default(false),
    /** Set: `/metrics` answers only `Authorization: Bearer <token>`. Unset in production: no `/metrics` at all. */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  })
  .superRefine(
    (c, ctx) => {
      if (c.NODE_ENV !== 'production') return;
      if (typeof c.DATABASE_URL === 'string' && c.DATABASE_URL.startsWith('pglite://') && c.ALLOW_PGLITE_IN_PRODUCTION !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['DATABASE_URL'],
          message:
            'PGlite never fsyncs and is not a production database: set DATABASE_URL to a PostgreSQL server, or ALLOW_PGLITE_IN_PRODUCTION=true',
        });
      }
      if (!c.APP_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['APP_SECRET'], message: 'is required in production' });
      }
      if (!c.SIGNING_KEY_FILE) {
        ctx.addIssue({ code: 'custom', path: ['SIGNING_KEY_FILE'], message: 'is required in production (the key that signs attestations)' });
      }
      if (!c.PUBLIC_URL) {
        ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required in production (links in e-mails)' });
      }
      // Dates on signed attestations and legal deadlines must be the real ones.
      if (c.ADJUSTABLE_CLOCK === true) {
        ctx.addIssue({ code: 'custom', path: ['ADJUSTABLE_CLOCK'], message: 'must not be set in production: attestations and deadlines need the real date' });
      }
    },
    // Run even when a field above failed (zod skips refinements after a type error), so that
    // every problem is listed at once. A field that failed holds its raw value here.
    { when: () => true },
  );

export type Config = z.infer<typeof schema> & {
  publicUrl: string;
  demoData: boolean;
  isProduction: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates the environment; throws a ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty variables count as unset, as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  return {
    ...c,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    demoData: c.DEMO_DATA ?? c.NODE_ENV === 'development',
    isProduction: c.NODE_ENV === 'production',
  };
}
