import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility';
import { desktopWithScript, phoneWithoutScript } from './support/browser';
import { useChromium, useVisit } from './support/journey';

useChromium();

/**
 * The journeys find no violation on Sésame's pages; this shows the scan would say so if there
 * were one, with JavaScript on and off: the real sign-up page, with a label unhooked from its
 * field, an image without a text alternative and pale text slipped in.
 */
describe.each([desktopWithScript, phoneWithoutScript])('expectAccessible, $name', (mode) => {
  const visit = useVisit(mode);

  it('fails on a broken page, naming each violation and where it is', async () => {
    const { page } = visit();
    await page.route('**/inscription', async (route) => {
      const response = await route.fetch();
      const html = (await response.text())
        .replace('<label class="fr-label" for="email">', '<label class="fr-label">')
        .replace('<h1>', '<img src="/dsfr/favicon/favicon.svg"><p class="pale" style="color: #bbb">Texte trop pâle</p><h1>');
      // The pale text needs an inline style, which Sésame's CSP rightly forbids: drop it here.
      const { 'content-security-policy': _csp, ...headers } = response.headers();
      await route.fulfill({ response, headers, body: html });
    });
    await page.goto('/inscription');

    const failure = await expectAccessible(page).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(failure).toContain('accessibility violation(s) on');
    expect(failure).toMatch(/label \(critical\): Form elements must have labels — #email/);
    expect(failure).toMatch(/image-alt \(critical\): Images must have alternative text — img/);
    expect(failure).toMatch(/color-contrast \(serious\): .* — \.pale/);
  });

  it('passes on the same page untouched', async () => {
    const { page } = visit();
    await page.goto('/inscription');
    await expectAccessible(page);
  });
});
