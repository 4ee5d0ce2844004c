import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../src/platform/totp';
import { OutboxPage } from './pages/outbox-page';
import { SiteHeader } from './pages/site-header';
import { expectAccessible } from './support/accessibility';
import { logInAsDemoAgent } from './support/agents';
import { desktopWithScript, isSmallScreen, phoneWithoutScript, type ViewingMode } from './support/browser';
import { uniqueEmail, useChromium, useVisit } from './support/journey';

useChromium();

const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe.each([desktopWithScript, phoneWithoutScript])('agents and the hand-over desk, $name', (mode: ViewingMode) => {
  const visit = useVisit(mode);

  async function check(page: Page) {
    await expectAccessible(page);
    if (isSmallScreen(mode)) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(mode.viewport.width);
    }
  }

  it('a head of office invites a desk agent, who sets a password and must enrol the second factor; the desk opens slots', async () => {
    const { page } = visit();
    await logInAsDemoAgent(page, isSmallScreen(mode) ? 'chef-bureau.13@demo.sesame.localhost' : 'chef-bureau.69@demo.sesame.localhost');
    await page.goto('/bureau/equipe');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("L'équipe de ma préfecture");
    await check(page);
    const email = uniqueEmail(`accueil.${isSmallScreen(mode) ? 'phone' : 'desktop'}`);
    await page.getByLabel('Adresse e-mail professionnelle').fill(email);
    await page.getByLabel('Rôle').selectOption({ label: "Agent d'accueil (guichet)" });
    await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await page.waitForLoadState('load');
    expect(plain(await page.getByRole('status').textContent())).toContain("L'invitation est envoyée.");
    expect(plain(await page.locator('#invitations').textContent())).toContain(email);
    await check(page);

    // The desk's day, and opening a series of slots for a day three weeks ahead.
    await page.goto('/bureau/rendez-vous');
    await check(page);
    const day = new Date(Date.now() + 21 * 86_400_000);
    await page.locator('#day-day').fill(String(day.getUTCDate()));
    await page.locator('#day-month').fill(String(day.getUTCMonth() + 1));
    await page.locator('#day-year').fill(String(day.getUTCFullYear()));
    await page.getByLabel('Premier créneau à').fill('14:00');
    await page.getByLabel('Fin de la série à').fill('15:00');
    await page.getByLabel("Durée d'un créneau, en minutes").fill('20');
    await page.getByLabel('Nombre de personnes par créneau').fill('3');
    await page.getByRole('button', { name: 'Ouvrir les créneaux' }).click();
    await page.waitForLoadState('load');
    expect(plain(await page.getByRole('status').textContent())).toContain('Les créneaux sont ouverts.');
    expect(plain(await page.locator('#day-appointments').textContent())).toContain('14:40');
    await check(page);
    await new SiteHeader(page).logOut();

    // The invitee follows the link of the mail.
    const mail = await (await OutboxPage.open(page)).openLatestMailTo(email, "Invitation à rejoindre Sésame comme Agent d'accueil (guichet)");
    await mail.link(/\/invitation\//).click();
    await page.waitForURL(/\/invitation\/[A-Za-z0-9_-]{43}$/);
    expect(plain(await page.getByRole('main').textContent())).toContain(email);
    await check(page);
    await page.locator('#password').fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForLoadState('load');
    await check(page);
    await page.locator('#password').fill('une phrase de passe pour le guichet');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL('/connexion/second-facteur/activer');
    expect(plain(await page.getByRole('main').textContent())).toContain('obligatoire pour les agents');
    await check(page);
    const key = plain(await page.locator('#totp-key').textContent()).replace(/ /g, '');
    await page.getByLabel('Code de vérification').fill(totpCode(key, new Date()));
    await page.getByRole('main').getByRole('button', { name: /Activer/ }).click();
    await page.waitForLoadState('load');
    await check(page);
    await page.goto('/bureau/guichet');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Guichet : dépôt pour une personne');
  });

  it('the administrator sees every agent and invitation', async () => {
    const { page } = visit();
    await logInAsDemoAgent(page, 'admin@demo.sesame.localhost');
    await page.goto('/administration');
    await check(page);
    await page.getByRole('link', { name: 'Comptes des agents' }).click();
    await page.waitForURL('/administration/agents');
    expect(plain(await page.locator('#agents').textContent())).toContain('accueil.75@demo.sesame.localhost');
    await check(page);
  });
});
