import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/db/seed/demo';
import { totpCode } from '../src/platform/totp';
import { OfficeCasePage } from './pages/office-case-page';
import { OfficeQueuePage } from './pages/office-queue-page';
import { expectAccessible } from './support/accessibility';
import { saveScreenshot } from './support/artifacts';
import { desktopWithScript, launchChromium, openVisit, phoneWithoutScript, type ViewingMode, type Visit } from './support/browser';
import { startSesame, type RunningSesame } from './support/server';

/**
 * Smoke journey of the back office on a Sésame of its own (the demo files it changes are nobody else's), with the demo data (agents of six prefectures,
 * three renewals filed in Paris): a case officer logs in with the demo TOTP key, finds the file
 * at risk first in the queue, opens it, marks it complete and requests a document. axe on every
 * page. The whole issue-5 journey (the person answers, decision, hand-over) is
 * `case-to-card.journey.test.ts`.
 */
let sesame: RunningSesame;
let browser: Browser;
beforeAll(async () => {
  sesame = await startSesame();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sesame?.stop();
});

async function logInAsOfficer(visit: Visit, email: string) {
  const { page } = visit;
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/connexion\/second-facteur/);
  await expectAccessible(page);
  await page.getByLabel(/^Code de vérification/).fill(totpCode(DEMO_TOTP_SECRET, new Date()));
  await page.getByRole('main').getByRole('button', { name: 'Valider' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  await page.getByRole('link', { name: 'Mon bureau' }).click();
  await page.waitForURL(/\/bureau$/);
}

const journey = (mode: ViewingMode, email: string, firstVisit: boolean) => async () => {
  const visit = await openVisit(browser, mode, sesame.baseUrl);
  try {
    await logInAsOfficer(visit, email);
    const queue = new OfficeQueuePage(visit.page);
    await expect(queue.heading.isVisible()).resolves.toBe(true);
    await expectAccessible(visit.page);
    expect((await queue.references()).length).toBeGreaterThanOrEqual(3);
    await queue.filter('Statut', 'Déposée');
    const references = await queue.references();
    // The renewal filed 20 days before expiry is the one at risk: first, with its badge (the
    // second visit finds it already worked on, and takes the next one).
    if (firstVisit) await expect(queue.row(references[0]!).locator('[data-badge="rights_at_risk"]').count()).resolves.toBe(1);
    await saveScreenshot(visit.page, `office-queue-${mode.viewport.width}`);

    await queue.openFile(references[0]!);
    const file = new OfficeCasePage(visit.page);
    await expectAccessible(visit.page);
    await expect(file.status.textContent()).resolves.toContain('Déposée');
    await file.takeFile();
    await file.markComplete();
    await expect(file.notice.textContent()).resolves.toContain('Le dossier est déclaré complet');
    await expect(file.status.textContent()).resolves.toContain('En cours d');
    await expectAccessible(visit.page);

    const due = new Date(Date.now() + 20 * 86_400_000);
    await file.requestDocument({
      document: 'Passeport',
      reason: 'pièce à corriger',
      explanation: 'La page 2 du passeport est illisible : envoyez une copie nette des pages 1 à 3.',
      due: { day: String(due.getUTCDate()), month: String(due.getUTCMonth() + 1), year: String(due.getUTCFullYear()) },
    });
    await expect(file.notice.textContent()).resolves.toContain('La demande de pièces est envoyée');
    await expect(file.requests.textContent()).resolves.toContain('La page 2 du passeport est illisible');
    await expectAccessible(visit.page);
    await saveScreenshot(visit.page, `office-case-${mode.viewport.width}`);
  } finally {
    await visit.close();
  }
};

describe('the back office (demo data)', () => {
  it(`case officer: queue → file → complete → request (${desktopWithScript.name})`, journey(desktopWithScript, 'instructeur.75@demo.sesame.localhost', true));
  it(`head of office: the same on a phone without JavaScript (${phoneWithoutScript.name})`, journey(phoneWithoutScript, 'chef-bureau.75@demo.sesame.localhost', false));
});
