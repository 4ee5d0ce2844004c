import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/db/seed/demo';
import { TOTP_PERIOD_SECONDS, totpCode } from '../../src/platform/totp';

/**
 * Logs a demo agent in as a person would: password, then the code their authenticator app shows
 * (computed here from the demo key the server prints at first start). A code is accepted once:
 * if this agent already used the current one (an earlier journey), wait for the next.
 */
export async function logInAsDemoAgent(page: Page, email: string, returnTo: string): Promise<void> {
  await page.goto(`/connexion?retour=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === '/connexion/second-facteur');
  const leftChallenge = () => page.waitForURL((url) => url.pathname !== '/connexion/second-facteur');
  await page.getByLabel(/Code de vérification/).fill(totpCode(DEMO_TOTP_SECRET, new Date()));
  await page.getByRole('main').getByRole('button', { name: 'Valider' }).click();
  const refused = await Promise.race([leftChallenge().then(() => false), page.locator('#resume-erreurs').waitFor().then(() => true)]);
  if (!refused) return;
  const msToNextStep = TOTP_PERIOD_SECONDS * 1000 - (Date.now() % (TOTP_PERIOD_SECONDS * 1000)) + 500;
  await page.waitForTimeout(msToNextStep);
  await page.getByLabel(/Code de vérification/).fill(totpCode(DEMO_TOTP_SECRET, new Date()));
  await page.getByRole('main').getByRole('button', { name: 'Valider' }).click();
  await leftChallenge();
}
