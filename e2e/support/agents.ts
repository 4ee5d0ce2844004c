import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/db/seed/demo';
import { totpCode, totpStep } from '../../src/platform/totp';
import { SecondFactorPage } from '../pages/second-factor-page';

/** The demo agent of a role in a prefecture (`src/db/seed/demo.ts`). */
export const demoAgent = (role: 'instructeur' | 'chef-bureau' | 'accueil', prefectureCode: string) => `${role}.${prefectureCode}@demo.sesame.localhost`;

const lastStepUsed = new Map<string, number>();

/**
 * Logs a demo agent in as a person with the printed key in their app does: password, then the
 * 6-digit code of the moment — at the *server's* time (`aheadMs`: how far `/dev/horloge` moved
 * it) — and on to `returnTo`. A code is accepted once per 30-second step and account, so a
 * second login of the same agent within one step waits for the next code, as a person would.
 */
export async function logInAsDemoAgent(page: Page, email: string, options: { aheadMs?: number; returnTo?: string } = {}): Promise<void> {
  const serverAheadMs = options.aheadMs ?? 0;
  await page.goto(options.returnTo ? `/connexion?retour=${encodeURIComponent(options.returnTo)}` : '/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/connexion\/second-facteur/);
  const factor = new SecondFactorPage(page);
  const serverNow = () => new Date(Date.now() + serverAheadMs);
  for (let attempt = 0; attempt < 2; attempt++) {
    while (totpStep(serverNow()) <= (lastStepUsed.get(email) ?? -1)) await page.waitForTimeout(1000);
    const now = serverNow();
    lastStepUsed.set(email, totpStep(now));
    if (await factor.enter(totpCode(DEMO_TOTP_SECRET, now))) return;
  }
  throw new Error(`the second factor of ${email} was refused twice`);
}
