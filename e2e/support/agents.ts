import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/db/seed/demo';
import { TOTP_PERIOD_SECONDS, TOTP_WINDOW, totpCode, totpStep } from '../../src/platform/totp';
import { SecondFactorPage } from '../pages/second-factor-page';

/** The demo agent of a role in a prefecture (`src/db/seed/demo.ts`). */
export const demoAgent = (role: 'instructeur' | 'chef-bureau' | 'accueil', prefectureCode: string) => `${role}.${prefectureCode}@demo.sesame.localhost`;

const lastStepUsed = new Map<string, number>();

/**
 * Logs a demo agent in as a person with the printed key in their app does: password, then the
 * 6-digit code — at the *server's* time (`aheadMs`: how far `/dev/horloge` moved it) — and on
 * to `returnTo`. A code is accepted once per 30-second step and account, and the server takes
 * the code of the next step too (TOTP_WINDOW: a phone whose clock is a little ahead). A second
 * login of the same agent within one step types that next code, as such a phone would show it,
 * instead of waiting up to 30 s for the current one to change; only a third waits.
 */
export async function logInAsDemoAgent(page: Page, email: string, options: { aheadMs?: number; returnTo?: string } = {}): Promise<void> {
  const serverAheadMs = options.aheadMs ?? 0;
  await page.goto(options.returnTo ? `/connexion?retour=${encodeURIComponent(options.returnTo)}` : '/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/connexion\/second-facteur/);
  const factor = new SecondFactorPage(page);
  const serverStep = () => totpStep(new Date(Date.now() + serverAheadMs));
  // A code refused as reused was spent by another file's login: each retry types the next one.
  const attempts = 2 + TOTP_WINDOW;
  for (let attempt = 0; attempt < attempts; attempt++) {
    // Never the code of the step before: the server's step may change while it is typed.
    const next = () => Math.max((lastStepUsed.get(email) ?? -Infinity) + 1, serverStep());
    while (next() > serverStep() + TOTP_WINDOW) await page.waitForTimeout(1000);
    const step = next();
    lastStepUsed.set(email, step);
    if (await factor.enter(totpCode(DEMO_TOTP_SECRET, new Date(step * TOTP_PERIOD_SECONDS * 1000)))) return;
  }
  throw new Error(`the second factor of ${email} was refused ${attempts} times`);
}
