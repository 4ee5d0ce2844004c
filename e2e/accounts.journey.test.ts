import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { AccountPage } from './pages/account-page';
import { ConfirmCodePage } from './pages/confirm-code-page';
import { HomePage } from './pages/home-page';
import { OutboxPage } from './pages/outbox-page';
import { SignUpPage } from './pages/sign-up-page';
import { expectAccessible } from './support/accessibility';
import { saveScreenshot } from './support/artifacts';
import { desktopWithScript, desktopWithoutScript, isSmallScreen, phoneWithoutScript, type ViewingMode } from './support/browser';
import { uniqueEmail, useChromium, useVisit } from './support/journey';

useChromium();

const password = 'une phrase de passe assez longue';

/** Visible, and wholly inside the screen's width (not pushed off to the side). */
async function expectOnScreen(locator: Locator, mode: ViewingMode) {
  expect(await locator.isVisible(), `${String(locator)} visible`).toBe(true);
  const box = await locator.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(mode.viewport.width);
}

/** Nothing wider than the screen: no sideways scrolling on a phone. */
async function expectNoHorizontalScroll(page: Page, mode: ViewingMode) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(mode.viewport.width);
}

describe.each([desktopWithScript, desktopWithoutScript, phoneWithoutScript])('accounts journey, $name', (mode) => {
  const visit = useVisit(mode);
  const slug = mode.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

  it('opens the home page in French, switches to English and back', async () => {
    const home = await HomePage.open(visit().page);
    // The DSFR script marks the page when it runs: proof the mode is what it says.
    expect(await home.page.locator('html').getAttribute('data-fr-js')).toBe(mode.javaScript ? 'true' : null);
    expect(await home.language()).toBe('fr');
    expect(await home.heading.textContent()).toBe('Vos démarches de titre de séjour');
    await expectOnScreen(home.header.languageSwitch, mode);
    await expectAccessible(home.page);
    if (isSmallScreen(mode)) {
      // The DSFR hides these behind a JavaScript menu on phones; app.css keeps them shown.
      await expectOnScreen(home.header.logInLink, mode);
      await expectOnScreen(home.header.signUpLink, mode);
      await expectOnScreen(home.header.languageLink('English'), mode);
      await expectNoHorizontalScroll(home.page, mode);
      await saveScreenshot(home.page, 'home-360');
    }

    await home.header.switchLanguage('English');
    expect(await home.language()).toBe('en');
    expect(await home.heading.textContent()).toBe('Your residence-permit procedures');
    expect(await home.header.languageLink('English').getAttribute('aria-current')).toBe('true');
    await expectAccessible(home.page);

    await home.header.switchLanguage('Français');
    expect(await home.language()).toBe('fr');
    expect(await home.heading.textContent()).toBe('Vos démarches de titre de séjour');
  });

  it('refuses a short password with an error summary, keeping the typed e-mail', async () => {
    const signUp = await SignUpPage.open(visit().page);
    await expectAccessible(signUp.page);
    const email = uniqueEmail('court');
    await signUp.submit(email, 'court');

    await signUp.errorSummary.waitFor();
    expect(await signUp.page.title()).toBe('Erreur : Créer un compte — Sésame');
    const problem = signUp.errorSummary.getByRole('link', { name: 'Mot de passe : Saisissez au moins 12 caractères.' });
    expect(await problem.getAttribute('href')).toBe('#password');
    expect(await signUp.emailField.inputValue()).toBe(email);
    expect(await signUp.passwordField.inputValue()).toBe('');
    expect(await signUp.passwordField.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(signUp.page);
    if (isSmallScreen(mode)) {
      await expectNoHorizontalScroll(signUp.page, mode);
      await saveScreenshot(signUp.page, 'sign-up-errors-360');
    }
  });

  it('signs up, confirms with the mailed code, logs in, sees the account and logs out', async () => {
    const { page } = visit();
    const email = uniqueEmail(`nadia.${slug}`);
    const signUp = await SignUpPage.open(page);
    let confirm = await signUp.signUp(email, password);
    expect(await confirm.heading.isVisible()).toBe(true);
    expect(await confirm.emailField.inputValue()).toBe(email);
    await expectAccessible(page);

    const outbox = await OutboxPage.open(page);
    await expectAccessible(page);
    const mail = await outbox.openLatestMailTo(email, 'Confirmez votre adresse e-mail');
    await expectAccessible(page);
    const code = await mail.code();

    confirm = await ConfirmCodePage.open(page, email);
    const logIn = await confirm.confirm(code);
    expect(await logIn.notice.textContent()).toBe('Votre adresse e-mail est confirmée. Vous pouvez vous connecter.');
    await expectAccessible(page);
    await logIn.logIn(email, password);

    const home = new HomePage(page);
    expect(await home.heading.textContent()).toBe('Bonjour');
    if (isSmallScreen(mode)) {
      await expectOnScreen(home.header.accountLink, mode);
      await expectOnScreen(home.header.logOutButton, mode);
      await expectOnScreen(home.header.languageSwitch, mode);
    }
    await expectAccessible(page);

    await home.header.accountLink.click();
    await page.waitForURL('/compte');
    const account = new AccountPage(page);
    expect(await account.heading.isVisible()).toBe(true);
    expect(await account.email.textContent()).toBe(email);
    await expectAccessible(page);
    if (isSmallScreen(mode)) await expectNoHorizontalScroll(page, mode);

    await account.header.logOut();
    expect(await home.notice.textContent()).toBe('Vous êtes déconnecté.');
    expect(await home.header.logInLink.isVisible()).toBe(true);
    await expectAccessible(page);

    // Logged out means logged out: the account page now sends to the login form.
    await page.goto('/compte');
    expect(page.url()).toBe(`${inject('sesameUrl')}/connexion?retour=%2Fcompte`);
  });
});
