import axe, { type AxeResults } from 'axe-core';
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
  return runAxe(target);
}

/**
 * What `new AxeBuilder({ page }).withTags(wcagTags).setLegacyMode(true).analyze()` does, with
 * axe-core's 1.3 MB source evaluated once per frame instead of twice (AxeBuilder evaluates it in
 * `analyze` and again in `runLegacy`), and waited for once on a frame that does not answer:
 * about 100 ms of a 200 ms scan, and a second on pages with an embedded PDF. Legacy mode runs
 * axe in the page itself instead of finishing in a new blank page: Sésame pages have no
 * cross-origin frames, which is what the newer mode is for, and it is 2-3x faster.
 */
async function runAxe(page: Page): Promise<AxeResults> {
  const configure = `;axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } })`;
  await page.evaluate(axe.source);
  await page.evaluate(configure);
  // As AxeBuilder: a frame that does not answer within a second (Chromium's PDF viewer) is
  // scanned without axe inside it.
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, 1000)));
    await Promise.race([frame.evaluate(`${axe.source}\n${configure}`), timeout]).catch(() => {});
    clearTimeout(timer);
  }
  const outcome = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe
        .run({ include: [], exclude: [] } as unknown as Document, { runOnly: { type: 'tag', values: tags } })
        .then((results) => ({ error: null, results }))
        .catch((err: Error) => ({ error: err.message, results: null })),
    wcagTags,
  );
  if (outcome.error !== null) throw new Error(outcome.error);
  return outcome.results!;
}

const withoutScripts = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '');
