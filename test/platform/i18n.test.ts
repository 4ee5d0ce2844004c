import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { errorCodes } from '../../src/platform/errors';
import { createI18n, loadCatalogue, locales, sourceLocale } from '../../src/platform/i18n/catalogue';
import { findKeysInSource, findKeysInTree } from './support/i18n-keys';

const localesDir = new URL('../../locales', import.meta.url).pathname;
const catalogues = new Map(locales.map((l) => [l, loadCatalogue(l)] as const));
const source = catalogues.get(sourceLocale)!;
const translations = locales.filter((l) => l !== sourceLocale);

type AstNode = { type: number; value?: string; options?: Record<string, { value: AstNode[] }>; children?: AstNode[] };
// intl-messageformat's AST node types (TYPE enum of @formatjs/icu-messageformat-parser).
const argumentKinds: Record<number, string> = { 1: 'argument', 2: 'number', 3: 'date', 4: 'time', 5: 'select', 6: 'plural' };

/** `name:kind` for every placeholder of a message, nested ones (inside plural/select) included. */
function placeholders(message: string, locale: string): string[] {
  const ast = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as AstNode[];
  const found = new Set<string>();
  const walk = (nodes: AstNode[]) => {
    for (const node of nodes) {
      const kind = argumentKinds[node.type];
      if (kind && node.value) found.add(`${node.value}:${kind}`);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
      if (node.children) walk(node.children);
    }
  };
  walk(ast);
  return [...found].sort();
}

describe('catalogues', () => {
  it('ship one folder per supported language, with the same namespace files', () => {
    const folders = readdirSync(localesDir).sort();
    expect(folders).toEqual([...locales].sort());
    const files = (l: string) => readdirSync(`${localesDir}/${l}`).sort();
    for (const l of translations) expect(files(l), `namespaces of ${l}`).toEqual(files(sourceLocale));
  });

  it('hold only strings and nested objects', () => {
    for (const l of locales) {
      for (const file of readdirSync(`${localesDir}/${l}`)) {
        const check = (value: unknown, path: string): void => {
          if (typeof value === 'string') return;
          expect(value !== null && typeof value === 'object' && !Array.isArray(value), `${l}/${file} ${path} is neither text nor a group`).toBe(true);
          for (const [k, v] of Object.entries(value as Record<string, unknown>)) check(v, path ? `${path}.${k}` : k);
        };
        check(JSON.parse(readFileSync(`${localesDir}/${l}/${file}`, 'utf8')), '');
      }
    }
  });

  it.each(translations)('have every French key in %s, and no key French lacks', (locale) => {
    const keys = catalogues.get(locale)!;
    expect([...source.keys()].filter((k) => !keys.has(k)), `missing in ${locale}`).toEqual([]);
    expect([...keys.keys()].filter((k) => !source.has(k)), `only in ${locale}`).toEqual([]);
  });

  it('parse as ICU messages, with the same placeholders in every language', () => {
    const problems: string[] = [];
    for (const [key, french] of source) {
      let expected: string[];
      try {
        expected = placeholders(french, sourceLocale);
      } catch (err) {
        problems.push(`fr ${key}: ${(err as Error).message}`);
        continue;
      }
      for (const l of translations) {
        const message = catalogues.get(l)!.get(key);
        if (message === undefined) continue; // reported by the key test
        try {
          const actual = placeholders(message, l);
          if (actual.join() !== expected.join()) problems.push(`${l} ${key}: {${actual.join(', ')}} but French has {${expected.join(', ')}}`);
        } catch (err) {
          problems.push(`${l} ${key}: ${(err as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("have no ASCII apostrophe right before a brace (ICU would quote the brace and drop the placeholder: write ’ or '')", () => {
    const problems: string[] = [];
    for (const l of locales) {
      for (const [key, message] of catalogues.get(l)!) if (/(?<!')'[{}]/.test(message)) problems.push(`${l} ${key}: ${message}`);
    }
    expect(problems).toEqual([]);
  });

  it('keep a paragraph break between the paragraphs of every e-mail body', () => {
    for (const l of locales) {
      for (const [key, message] of catalogues.get(l)!) {
        if (key.startsWith('mail.') && key.endsWith('.body')) expect(message, `${l} ${key}`).toMatch(/\n\n/);
      }
    }
  });
});

describe('keys used in the source', () => {
  it('are found by the scanner in each form the conventions use (self-test)', () => {
    const sample = [
      "const a = t('home.title');",
      'const b = req.t("errors.reference", { reference });',
      'const c = t(`layout.tagline`);',
      "link: { href, labelKey: 'mail.confirm_email_action' },",
      '<ErrorPage titleKey="errors.internal.title" messageKey={\'errors.internal.message\'} />',
      "await mailer.queue(tx, to, 'fr', { template: 'mail.reset_password', params: {} });",
      "return reply.seeOther(`/inscription/code?email=${encodeURIComponent(email)}`, 'flash.confirm_email_first');",
      "throw new AppError('validation_failed', { fields: { password: 'validation.credentials_wrong' } });",
      "z.string().refine(ok, { error: 'validation.password_common' });",
      // Not keys: dynamic keys, audit actions, job names, cookie names, module paths.
      't(`errors.${code}.title`); appendAudit(tx, a, now, { action: \'account.created\' }); name: \'mail.deliver\'; cookieKey: \'sesame_csrf\'; import x from \'./errors\';',
    ].join('\n');
    expect(findKeysInSource(sample).map((u) => u.key).sort()).toEqual(
      [
        'errors.internal.message',
        'errors.internal.message',
        'errors.internal.title',
        'errors.internal.title',
        'errors.reference',
        'errors.reference',
        'flash.confirm_email_first',
        'flash.confirm_email_first',
        'home.title',
        'layout.tagline',
        'mail.confirm_email_action',
        'mail.reset_password.body',
        'mail.reset_password.subject',
        'validation.credentials_wrong',
        'validation.password_common',
      ].sort(),
    );
  });

  it('all exist in the French catalogue', () => {
    const uses = findKeysInTree(new URL('../../src', import.meta.url).pathname);
    // A scan that silently found nothing would pass: the source uses well over a hundred keys.
    expect(new Set(uses.map((u) => u.key)).size).toBeGreaterThan(100);
    for (const how of ["t('…')", '…Key', "template: '…'", 'seeOther(…, flash)']) expect(uses.some((u) => u.how === how), how).toBe(true);
    const missing = uses.filter((u) => !source.has(u.key)).map((u) => `${u.file}:${u.line} ${u.key} (${u.how})`);
    expect(missing).toEqual([]);
  });

  it('include a title and a message for every error code', () => {
    const missing = Object.keys(errorCodes).flatMap((code) => [`errors.${code}.title`, `errors.${code}.message`]).filter((k) => !source.has(k));
    expect(missing).toEqual([]);
  });

  it('render in every language without falling back to the key', () => {
    const i18n = createI18n();
    for (const l of locales) {
      const t = i18n.translator(l);
      expect(t('errors.rate_limited.message', { time: '14:05' })).toContain('14:05');
      expect(t('validation.too_short', { min: 12 })).toContain('12');
      expect(t('meta.lang')).toBe(l);
    }
    expect(i18n.translator('fr')('no.such.key')).toBe('no.such.key');
  });

  it('write every message as IntlMessageFormat does, those kept as plain text (no placeholder) included', () => {
    const i18n = createI18n();
    const differ: string[] = [];
    let plain = 0;
    for (const l of locales) {
      const t = i18n.translator(l);
      for (const [key, message] of catalogues.get(l)!) {
        if (placeholders(message, l).length > 0) continue;
        plain++;
        const expected = String(new IntlMessageFormat(message, l, undefined, { ignoreTag: true }).format());
        // Twice: the first use compiles, the second reads what was kept.
        if (t(key) !== expected || t(key) !== expected) differ.push(`${l} ${key}`);
      }
    }
    expect(plain).toBeGreaterThan(100);
    expect(differ).toEqual([]);
  });
});
