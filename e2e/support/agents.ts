import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/db/seed/demo';
import { totpCode } from '../../src/platform/totp';
import { SecondFactorPage } from '../pages/second-factor-page';

/** The demo agent of a role in a prefecture (`src/db/seed/demo.ts`). */
export const demoAgent = (role: 'instructeur' | 'chef-bureau' | 'accueil', prefectureCode: string) => `${role}.${prefectureCode}@demo.sesame.localhost`;

/**
 * Logs a demo agent in: password, then the code of the demo TOTP key as an authenticator app
 * would show it at the *server's* time (`serverAheadMs`: how far `/dev/horloge` moved it).
 */
export async function logInAgent(page: Page, email: string, serverAheadMs = 0): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
  await new SecondFactorPage(page).enter(totpCode(DEMO_TOTP_SECRET, new Date(Date.now() + serverAheadMs)));
}
