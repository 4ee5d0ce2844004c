import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

/** French is the source and the legally binding text; every other language is a translation. */
export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];
export const sourceLocale: Locale = 'fr';
export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (locales as readonly string[]).includes(v);

/** Text direction per language, for `<html dir>`. */
export const localeDirection = (locale: Locale): 'ltr' | 'rtl' => (['ar', 'fa', 'he', 'ur'].includes(locale) ? 'rtl' : 'ltr');

const localesDir = new URL('../../../locales', import.meta.url).pathname;

type Nested = { [key: string]: string | Nested };

function flatten(prefix: string, value: Nested, into: Map<string, string>): void {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') into.set(key, v);
    else flatten(key, v, into);
  }
}

/** Loads `locales/<lang>/<namespace>.json`; each file's keys are prefixed by its namespace. */
export function loadCatalogue(locale: Locale, dir = localesDir): Map<string, string> {
  const messages = new Map<string, string>();
  for (const file of readdirSync(join(dir, locale)).filter((f) => f.endsWith('.json')).sort()) {
    const namespace = file.replace(/\.json$/, '');
    flatten(namespace, JSON.parse(readFileSync(join(dir, locale, file), 'utf8')) as Nested, messages);
  }
  return messages;
}

export type MessageParams = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: string, params?: MessageParams) => string;

export interface I18n {
  translator(locale: Locale): Translate;
  has(locale: Locale, key: string): boolean;
}

export function createI18n(): I18n {
  const catalogues = new Map(locales.map((l) => [l, loadCatalogue(l)] as const));
  const translators = new Map<Locale, Translate>();

  /**
   * One translator per language, each with its compiled messages. Most messages have no
   * placeholder (labels, headings): those are kept as their text, since running a literal
   * through IntlMessageFormat on every use was a visible share of a page's CPU.
   */
  const makeTranslator = (locale: Locale): Translate => {
    const compiled = new Map<string, string | IntlMessageFormat>();
    return (key, params) => {
      let message = compiled.get(key);
      if (message === undefined) {
        // A key missing in a translation falls back to the binding French text, never to nothing.
        const source = catalogues.get(locale)?.get(key) ?? catalogues.get(sourceLocale)?.get(key);
        if (source === undefined) return key;
        const format = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
        const ast = format.getAst();
        // Element type 0 is a literal (`TYPE.literal` of @formatjs/icu-messageformat-parser), quotes already undone.
        message = ast.every((element) => element.type === 0) ? ast.map((element) => (element as { value: string }).value).join('') : format;
        compiled.set(key, message);
      }
      return typeof message === 'string' ? message : String(message.format(params as Record<string, string>));
    };
  };

  return {
    translator(locale) {
      let t = translators.get(locale);
      if (!t) translators.set(locale, (t = makeTranslator(locale)));
      return t;
    },
    has: (locale, key) => catalogues.get(locale)?.has(key) ?? false,
  };
}

/** Picks the best supported language from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return sourceLocale;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    // q=0 means "not this language" (RFC 9110); a malformed weight counts as 0.
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.find((r) => isLocale(r.lang))?.lang as Locale | undefined ?? sourceLocale;
}
