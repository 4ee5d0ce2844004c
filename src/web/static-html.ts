import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { jsxTemplate } from 'preact/jsx-runtime';
import type { Translate } from '../platform/i18n/catalogue';

/**
 * Parts of the page frame that depend on nothing but the language (skip links, the brand, the
 * footer's text…) are rendered once per translator and then spliced in as ready HTML: the
 * signed-in home page is the busiest page and most of its markup never changes, so rendering it
 * on every request was a large share of the page's CPU (vnodes, escaping, garbage).
 *
 * The markup stays written in JSX next to the dynamic parts; `build` runs outside any page
 * context, so a fragment that reads the request (`usePage()`) fails at once instead of being
 * cached with one person's data. A translator is one language (`I18n.translator` keeps one per
 * language), so the cache is keyed by it and by the fragment's name.
 */
const caches = new WeakMap<Translate, Map<string, { __html: string }>>();

function cacheOf(t: Translate): Map<string, { __html: string }> {
  let cache = caches.get(t);
  if (!cache) caches.set(t, (cache = new Map()));
  return cache;
}

export function staticHtml(t: Translate, name: string, build: (t: Translate) => VNode): { __html: string } {
  const cache = cacheOf(t);
  let html = cache.get(name);
  if (!html) cache.set(name, (html = { __html: renderToString(build(t)) }));
  return html;
}

/** The same cache for markup already written as a string (escaped by its builder). */
export function staticString(t: Translate, name: string, build: (t: Translate) => string): string {
  const cache = cacheOf(t);
  let html = cache.get(name);
  if (!html) cache.set(name, (html = { __html: build(t) }));
  return html.__html;
}

/** Text for an HTML text node or a double-quoted attribute, escaped as preact-render-to-string does. */
export function escapeHtml(text: string): string {
  // Nearly every value escaped per request (titles, counts, tokens, paths) has nothing to
  // escape: one scan answers that, where `replace` with a callback costs a match loop and a copy.
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text.replace(ESCAPED, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
}
const NEEDS_ESCAPING = /["&<]/;
const ESCAPED = /["&<]/g;

/**
 * Markup already written and escaped, as a vnode that adds no element around it: a precompiled-JSX
 * template of one part, which preact-render-to-string writes out as is.
 */
export function rawHtml(html: string): VNode {
  return jsxTemplate([html]);
}
