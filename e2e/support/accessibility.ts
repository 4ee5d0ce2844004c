import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';

/** WCAG 2.1 levels A and AA, what the RGAA maps to. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core runs inside the page and waits on timers, which never fire in a page whose
 * JavaScript is off. Those pages are scanned as an exact copy instead: the HTML the browser
 * holds (no script ran, so it is what the server sent) is served at the same URL to a page
 * with scripting on, the same viewport and the same stylesheets, minus its script elements
 * so the DSFR JavaScript cannot change it there.
 * (A `<noscript>` block would render differently in the copy; Sésame has none.)
 */
interface Copier {
  page: Page;
  next: { url: string; html: string } | null;
}
const copiers = new WeakMap<BrowserContext, Copier>();

export async function scanCopiesOf(noScriptContext: BrowserContext, scanner: BrowserContext): Promise<void> {
  const copier: Copier = { page: await scanner.newPage(), next: null };
  await copier.page.route(
    (url) => url.href === copier.next?.url,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: copier.next!.html }),
  );
  copiers.set(noScriptContext, copier);
}

/** Fails listing every WCAG 2.1 A/AA violation axe finds on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const results = await scan(page);
  const violations = results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${n.target.map(String).join(' > ')}`),
  );
  if (violations.length > 0) {
    throw new Error(`${violations.length} accessibility violation(s) on ${page.url()}:\n${violations.map((v) => `  - ${v}`).join('\n')}`);
  }
}

async function scan(page: Page): Promise<AxeResults> {
  const copier = copiers.get(page.context());
  let target = page;
  if (copier) {
    copier.next = { url: page.url(), html: withoutScripts(await page.content()) };
    await copier.page.goto(copier.next.url);
    target = copier.page;
  }
  // Legacy mode runs axe in the page itself instead of finishing in a new blank page: Sésame
  // pages have no cross-origin frames, which is what the newer mode is for, and it is 2-3x faster.
  return new AxeBuilder({ page: target }).withTags(wcagTags).setLegacyMode(true).analyze();
}

const withoutScripts = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '');
