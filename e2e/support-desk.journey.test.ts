import { describe, expect, it } from 'vitest';
import { AccountPage } from './pages/account-page';
import { AssistedChangePage } from './pages/assisted-change-page';
import { HelpPage } from './pages/help-page';
import { HomePage } from './pages/home-page';
import { LogInPage } from './pages/log-in-page';
import { OutboxPage } from './pages/outbox-page';
import { ProfilePage } from './pages/profile-page';
import { SupportQueuePage } from './pages/support-desk-pages';
import { expectAccessible } from './support/accessibility';
import { signUpAndLogIn } from './support/accounts';
import { logInAsDemoAgent } from './support/agents';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './support/artifacts';
import { desktopWithScript, isSmallScreen, phoneWithoutScript } from './support/browser';
import { uniqueEmail, useChromium, useVisit } from './support/journey';

/*
 * "A human is reachable" (promise 3 of DOMAIN.md): a person who lost access to their mailbox,
 * and so to their account, writes to support without an account; a support agent checks their
 * identity and prepares the change of address; the person confirms it from the new mailbox and
 * logs in with it.
 */

useChromium();

const password = 'une phrase de passe assez longue';

describe.each([desktopWithScript, phoneWithoutScript])('support changes a lost e-mail address, $name', (mode) => {
  const visit = useVisit(mode);

  /** axe on every page; on a phone, nothing wider than the screen (and a screenshot to look at). */
  async function check(page: Page, screenshot?: string) {
    await expectAccessible(page);
    if (isSmallScreen(mode)) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(mode.viewport.width);
      if (screenshot) await saveScreenshot(page, `support-${screenshot}-360`);
    }
  }

  it('from a request opened without an account to logging in with the new address', async () => {
    const { page } = visit();
    const slug = mode.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    const lostEmail = uniqueEmail(`perdue.${slug}`);
    const newEmail = uniqueEmail(`nouvelle.${slug}`);

    // Some time ago: the person made an account and gave their identity.
    await signUpAndLogIn(page, lostEmail, password);
    await (await ProfilePage.open(page)).save({
      surname: 'Okafor',
      givenNames: 'Chidi',
      birthDate: { day: 3, month: 11, year: 1988 },
      nationality: 'Sénégal',
      permitNumber: 'FR1122334',
      permitExpiresOn: { day: 1, month: 1, year: 2030 },
      addressLine: '8 rue Victor Hugo',
      postcode: '69003',
      town: 'Lyon',
    });
    await new HomePage(page).header.logOut();

    // Today, without access to that mailbox: "report a problem" in the footer leads to support.
    await page.getByRole('contentinfo').getByRole('link', { name: 'Signaler un problème' }).click();
    await page.waitForURL((url) => url.pathname === '/signaler-un-probleme');
    await check(page, 'report');
    const help = await HelpPage.fromReportPage(page);
    await check(page, 'help-form');
    const follow = await help.send({
      category: "Je n'ai plus accès à mon adresse e-mail",
      subject: 'Boîte e-mail fermée',
      description: 'Mon fournisseur a fermé ma boîte : je ne reçois plus les codes.',
      contactEmail: newEmail,
      accountEmail: lostEmail,
    });
    expect(await follow.notice.textContent()).toContain('Votre demande est enregistrée');
    const reference = await follow.reference();
    await check(page, 'follow');
    const followUrl = page.url();

    // A support agent (demo login and its authenticator code) takes the request.
    await logInAsDemoAgent(page, 'support@demo.sesame.localhost', { returnTo: '/support' });
    const queue = new SupportQueuePage(page);
    await check(page, 'queue');
    const desk = await queue.openRequest(reference);
    await check(page, 'case');
    // On the phone: date of birth and postcode, and the residence permit shown on a video call.
    await desk.checkIdentity({ birthDate: '03/11/1988', postcode: '69003' }, 'Titre de séjour', 'Appel de la personne : boîte e-mail fermée');
    expect(await desk.notice.textContent()).toContain("Vérification d'identité réussie");
    await check(page, 'identity-checked');
    await desk.changeEmail(newEmail, 'Boîte e-mail fermée par le fournisseur ; identité vérifiée');
    await check(page, 'email-prepared');
    await desk.reply('Nous avons préparé le changement : confirmez-le depuis votre nouvelle adresse.', 'résolue');
    await check(page, 'answered');
    await new HomePage(page).header.logOut();

    // The old address is told (its owner could stop a fraud); the new one receives the code.
    const outbox = await OutboxPage.open(page);
    const notice = await outbox.openLatestMailTo(lostEmail, 'Changement de l’adresse de votre compte Sésame demandé au support'.replace('’', "'"));
    expect(await notice.text()).toContain(reference);
    const codeMail = await (await OutboxPage.open(page)).openLatestMailTo(newEmail, 'Confirmez la nouvelle adresse de votre compte Sésame');
    await check(page, 'mail');
    await codeMail.link(/\/aide\/nouvelle-adresse\/[A-Za-z0-9_-]+$/).click();
    await page.waitForURL(/\/aide\/nouvelle-adresse\/[A-Za-z0-9_-]+$/);
    await check(page, 'confirm-link');
    await new AssistedChangePage(page).confirm();
    await check(page, 'confirmed');

    // The request shows support's answer; then the person logs in with the new address.
    await page.goto(followUrl);
    expect(await follow.thread.textContent()).toContain('Nous avons préparé le changement');
    await (await LogInPage.open(page)).logIn(newEmail, password);
    const account = await AccountPage.open(page);
    expect(await account.email.textContent()).toBe(newEmail);
    await check(page, 'account');
    // And the old address got the usual "this was not me" notice.
    const changed = await (await OutboxPage.open(page)).openLatestMailTo(lostEmail);
    expect(await changed.text()).toContain("Ce n'était pas moi");
  });
});
