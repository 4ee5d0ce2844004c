import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

/** The problems `loadConfig` reports for an environment, or [] when it is accepted. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://sesame@db/sesame', APP_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://sesame.example.fr', SIGNING_KEY_FILE: '/etc/sesame/signing-key.pem' };

describe('configuration', () => {
  it('starts with sensible defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c.SMTP_URL).toBeUndefined(); // no SMTP server: mail is kept in the outbox
    expect(c.APP_SECRET).toBeUndefined();
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_URL: 'pglite://./data/db',
      MAIL_FROM: 'Sésame <ne-pas-repondre@sesame.localhost>',
      SMS_URL: 'outbox',
      TRUST_PROXY: false,
      ALLOW_PGLITE_IN_PRODUCTION: false,
      LOG_LEVEL: 'info',
      SESSION_IDLE_MINUTES: 120,
      SESSION_MAX_HOURS: 12,
      publicUrl: 'http://localhost:3000',
      demoData: true,
      isProduction: false,
    });
  });

  it('reads booleans, numbers and URLs, and treats empty variables as unset', () => {
    const c = loadConfig({ PORT: '8080', TRUST_PROXY: 'yes', DEMO_DATA: '0', PUBLIC_URL: 'https://sesame.example.fr/', SMTP_URL: '', HOST: '' });
    expect(c).toMatchObject({ PORT: 8080, TRUST_PROXY: true, demoData: false, publicUrl: 'https://sesame.example.fr', HOST: '127.0.0.1' });
    expect(c.SMTP_URL).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test' }).demoData).toBe(false);
    expect(loadConfig({ SMTP_URL: 'smtps://user:pass@smtp.example.fr:465' }).SMTP_URL).toBe('smtps://user:pass@smtp.example.fr:465');
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/db' }).DATABASE_URL).toBe('postgresql://u@h:5432/db');
  });

  it('accepts a complete production configuration', () => {
    expect(problemsOf(production)).toEqual([]);
    expect(loadConfig(production).isProduction).toBe(true);
  });

  it.each([
    ['PORT', 'abc', /^PORT: /],
    ['PORT', '70000', /^PORT: .*65535/],
    ['PORT', '3.5', /^PORT: /],
    ['PORT', '-1', /^PORT: /],
    ['DATABASE_URL', 'mysql://db/sesame', /^DATABASE_URL: must start with postgres:\/\/, postgresql:\/\/ or pglite:\/\//],
    ['DATABASE_URL', './data/db', /^DATABASE_URL: must start with/],
    ['SMTP_URL', 'http://smtp.example.fr', /^SMTP_URL: must start with smtp:\/\/ or smtps:\/\//],
    ['SMTP_URL', 'smtp.example.fr:25', /^SMTP_URL: must start with/],
    ['PUBLIC_URL', 'localhost:3000', /^PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/],
    ['PUBLIC_URL', 'not a url', /^PUBLIC_URL: /],
    ['APP_SECRET', 'short', /^APP_SECRET: must be at least 32 characters/],
    ['NODE_ENV', 'prod', /^NODE_ENV: /],
    ['TRUST_PROXY', 'maybe', /^TRUST_PROXY: /],
    ['LOG_LEVEL', 'verbose', /^LOG_LEVEL: /],
    ['SESSION_IDLE_MINUTES', '1', /^SESSION_IDLE_MINUTES: /],
  ])('refuses %s=%s with a message naming the variable', (name, value, message) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('lists every problem at once, production rules included, even after a type error', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc', SMTP_URL: 'http://smtp.example.fr', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'SMTP_URL', 'LOG_LEVEL', 'DATABASE_URL', 'APP_SECRET', 'SIGNING_KEY_FILE', 'PUBLIC_URL']);
  });

  it('refuses PGlite in production unless ALLOW_PGLITE_IN_PRODUCTION=true', () => {
    const withPglite = { ...production, DATABASE_URL: 'pglite://./data/db' };
    expect(problemsOf(withPglite)).toEqual([expect.stringMatching(/^DATABASE_URL: PGlite never fsyncs .*ALLOW_PGLITE_IN_PRODUCTION=true/)]);
    expect(problemsOf({ ...withPglite, ALLOW_PGLITE_IN_PRODUCTION: 'false' })).toHaveLength(1);
    expect(problemsOf({ ...withPglite, ALLOW_PGLITE_IN_PRODUCTION: 'true' })).toEqual([]);
    // The default database is PGlite: a production start with no DATABASE_URL is refused too.
    const { DATABASE_URL: _unset, ...withoutDatabase } = production;
    expect(problemsOf(withoutDatabase)).toEqual([expect.stringMatching(/^DATABASE_URL: PGlite/)]);
  });

  it('requires APP_SECRET, SIGNING_KEY_FILE and PUBLIC_URL in production, not elsewhere', () => {
    const { APP_SECRET: _s, PUBLIC_URL: _u, SIGNING_KEY_FILE: _k, ...incomplete } = production;
    expect(problemsOf(incomplete)).toEqual([
      'APP_SECRET: is required in production',
      'SIGNING_KEY_FILE: is required in production (the key that signs attestations)',
      'PUBLIC_URL: is required in production (links in e-mails)',
    ]);
    expect(problemsOf({ ...incomplete, NODE_ENV: 'development' })).toEqual([]);
  });

  it('refuses an adjustable clock in production, and allows it only where asked for elsewhere', () => {
    for (const value of ['true', '1', 'yes']) {
      expect(problemsOf({ ...production, ADJUSTABLE_CLOCK: value })).toEqual(['ADJUSTABLE_CLOCK: must not be set in production: attestations and deadlines need the real date']);
    }
    expect(problemsOf({ ...production, ADJUSTABLE_CLOCK: 'false' })).toEqual([]);
    expect(loadConfig({}).ADJUSTABLE_CLOCK).toBe(false);
    expect(loadConfig(production).ADJUSTABLE_CLOCK).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', ADJUSTABLE_CLOCK: 'true' }).ADJUSTABLE_CLOCK).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', ADJUSTABLE_CLOCK: 'true' }).ADJUSTABLE_CLOCK).toBe(true);
  });
});

describe('starting with a bad configuration', () => {
  it('exits 1 and prints every problem, before touching any database', { timeout: 120_000 }, async () => {
    const result = await new Promise<{ code: number; stderr: string; stdout: string }>((resolve) => {
      execFile(
        'npx',
        ['tsx', 'src/main.ts', 'web'],
        {
          cwd: process.cwd(),
          timeout: 60_000,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            NODE_ENV: 'production',
            PORT: 'abc',
            DATABASE_URL: 'mysql://db/sesame',
            SMTP_URL: 'http://smtp.example.fr',
          },
        },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Invalid configuration:');
    for (const line of [
      '  - PORT: Invalid input: expected number, received NaN',
      '  - DATABASE_URL: must start with postgres://, postgresql:// or pglite://',
      '  - SMTP_URL: must start with smtp:// or smtps://',
      '  - APP_SECRET: is required in production',
      '  - SIGNING_KEY_FILE: is required in production (the key that signs attestations)',
      '  - PUBLIC_URL: is required in production (links in e-mails)',
    ]) {
      expect(result.stderr).toContain(line);
    }
  });
});
