import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileApplication } from '../src/modules/applications/file-application';
import { buildApplicant, buildReadyRenewal, metaFor } from '../test/support/application-builders';
import { TEST_PASSWORD } from '../test/support/builders';
import { LogInPage } from './pages/log-in-page';
import { OfficeCasePage } from './pages/office-case-page';
import { PiecesPage } from './pages/pieces-page';
import { SiteHeader } from './pages/site-header';
import { expectAccessible } from './support/accessibility';
import { logInAsDemoAgent } from './support/agents';
import { saveScreenshot } from './support/artifacts';
import { desktopWithScript, isSmallScreen, launchChromium, openVisit, phoneWithoutScript, type ViewingMode } from './support/browser';
import { useSamplePdfs } from './support/sample-pdf';
import { startSesame, type RunningSesame } from './support/server';

/*
 * The issue-5 journey, from a filed renewal to the card in the person's hands, on a Sésame of
 * its own: the case officer marks the file complete and asks for a corrected passport; the
 * person sends it from their documents page; the officer sees it, decides favourably and invites
 * the person to book; the person books, then reschedules; the desk hands the card over. The
 * filing itself is done through the use case (the renewal journey files through the pages).
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
const pdfFile = useSamplePdfs();

const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A renewal filed in Paris by a new person (every document there, so it can be declared complete). */
async function filedRenewal() {
  const { services } = sesame;
  const applicant = await buildApplicant(services);
  const applicationId = await buildReadyRenewal(services, applicant);
  await fileApplication(services, applicant.id, applicationId, metaFor(applicant));
  return { applicant, applicationId };
}

describe.each([desktopWithScript, phoneWithoutScript])('from a filed renewal to the card, $name', (mode: ViewingMode) => {
  async function check(page: Page, screenshot?: string) {
    await expectAccessible(page);
    if (isSmallScreen(mode)) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(mode.viewport.width);
      if (screenshot) await saveScreenshot(page, `${screenshot}-360`);
    }
  }

  it('the officer completes the file and asks for a document, the person sends it, the officer decides, the person books, the desk hands the card over', async () => {
    const { applicant, applicationId } = await filedRenewal();
    const officer = 'instructeur.75@demo.sesame.localhost';
    const visit = await openVisit(browser, mode, sesame.baseUrl);
    const { page } = visit;
    try {
      // The office: take the file, declare it complete, ask for a readable passport.
      await logInAsDemoAgent(page, officer, { returnTo: `/bureau/dossiers/${applicationId}` });
      const file = new OfficeCasePage(page);
      await expect(file.status.textContent()).resolves.toContain('Déposée');
      await check(page);
      await file.takeFile();
      await file.markComplete();
      await expect(file.notice.textContent()).resolves.toContain('Le dossier est déclaré complet');
      const due = new Date(Date.now() + 20 * 86_400_000);
      await file.requestDocument({
        document: 'Passeport',
        reason: 'pièce à corriger',
        explanation: 'La page 2 du passeport est illisible : envoyez une copie nette des pages 1 à 3.',
        due: { day: String(due.getUTCDate()), month: String(due.getUTCMonth() + 1), year: String(due.getUTCFullYear()) },
      });
      await expect(file.notice.textContent()).resolves.toContain('La demande de pièces est envoyée');
      await check(page);
      await new SiteHeader(page).logOut();

      // The person reads exactly what is asked on their file, and sends the new scan.
      await (await LogInPage.open(page)).logIn(applicant.email, TEST_PASSWORD);
      await page.goto(`/demarches/${applicationId}`);
      expect(plain(await page.locator('#document-request').textContent())).toContain('La page 2 du passeport est illisible');
      await check(page);
      await page.locator('#document-request').getByRole('link').click();
      await page.waitForURL(`/demarches/${applicationId}/pieces`);
      const pieces = new PiecesPage(page);
      await pieces.upload('passport', await pdfFile('passeport-net.pdf', 'Passeport, pages 1 a 3, copie nette'), 'passeport-net.pdf');
      await check(page, 'case-to-card-pieces');
      await new SiteHeader(page).logOut();

      // The office sees the new passport, and grants the title.
      await logInAsDemoAgent(page, officer, { returnTo: `/bureau/dossiers/${applicationId}` });
      await expect(file.documents.textContent()).resolves.toContain('passeport-net.pdf');
      // The documents asked for are in: the file is back with the office, to be declared complete again.
      await expect(file.status.textContent()).resolves.toContain('Déposée');
      await check(page);
      await file.markComplete();
      await page.locator('#decide-link').click();
      await page.waitForURL(`/bureau/dossiers/${applicationId}/decision`);
      await check(page);
      await page.locator('label').filter({ hasText: 'Favorable : le titre est accordé' }).click();
      await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await page.waitForURL(`/bureau/dossiers/${applicationId}`);
      await expect(file.notice.textContent()).resolves.toContain('La décision est enregistrée');
      await check(page, 'case-to-card-decided');

      await page.goto(`/bureau/dossiers/${applicationId}/rendez-vous`);
      expect(plain(await page.locator('#handover-status').textContent())).toContain("la personne n'est pas encore invitée");
      await check(page);
      await page.getByRole('button', { name: 'Inviter à prendre rendez-vous' }).click();
      await page.waitForLoadState('load');
      expect(plain(await page.getByRole('status').textContent())).toContain('La personne est invitée à prendre rendez-vous.');
      await check(page);
      await new SiteHeader(page).logOut();

      await (await LogInPage.open(page)).logIn(applicant.email, TEST_PASSWORD);
      await page.goto(`/demarches/${applicationId}`);
      expect(plain(await page.locator('#decision-letter').textContent())).toContain('Votre demande est acceptée');
      await page.locator('#file-handover').getByRole('link', { name: 'Prendre rendez-vous' }).click();
      await page.waitForURL(`/demarches/${applicationId}/rendez-vous`);
      await check(page);
      const slots = page.locator('input[name="slotId"]');
      expect(await slots.count()).toBeGreaterThan(10);
      const firstLabel = page.locator('label[for^="creneau-"]').first();
      await firstLabel.click();
      await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
      await page.waitForLoadState('load');
      expect(plain(await page.getByRole('status').textContent())).toContain('Votre rendez-vous est réservé.');
      const booked = plain(await page.locator('#booking-current').textContent());
      await check(page);
      // Another slot: the third one offered.
      await page.locator('label[for^="creneau-"]').nth(2).click();
      await page.getByRole('button', { name: 'Changer pour ce créneau' }).click();
      await page.waitForLoadState('load');
      expect(plain(await page.getByRole('status').textContent())).toContain('Votre rendez-vous est changé.');
      const moved = plain(await page.locator('#booking-current').textContent());
      expect(moved).not.toBe(booked);
      await check(page, 'handover-booking');
      await new SiteHeader(page).logOut();

      // The desk, on the day of the appointment.
      await logInAsDemoAgent(page, 'accueil.75@demo.sesame.localhost');
      await page.goto(`/bureau/dossiers/${applicationId}/rendez-vous`);
      await check(page);
      await page.getByRole('link', { name: 'Rendez-vous du jour' }).click();
      await page.waitForURL('/bureau/rendez-vous');
      // The appointment's day, from the overview of the next days.
      const [, day] = /Le (.+) à /.exec(moved)!;
      await page.locator('#upcoming-heading + ul').getByRole('link', { name: day! }).click();
      await page.waitForURL(/\/bureau\/rendez-vous\?jour=/);
      const row = page.locator('#day-appointments li').filter({ hasText: 'Awa DIALLO' }).filter({ has: page.locator(`a[href="/bureau/dossiers/${applicationId}/rendez-vous"]`) });
      await check(page, 'handover-desk-day');
      await row.getByRole('button', { name: /Titre remis/ }).click();
      await page.waitForLoadState('load');
      expect(plain(await page.getByRole('status').textContent())).toContain('La remise du titre est enregistrée');
      await check(page);
      await new SiteHeader(page).logOut();

      await (await LogInPage.open(page)).logIn(applicant.email, TEST_PASSWORD);
      await page.goto(`/demarches/${applicationId}/rendez-vous`);
      expect(plain(await page.locator('#booking-state').textContent())).toContain('Votre titre vous a été remis');
      await check(page);
    } finally {
      await visit.close();
    }
  }, 240_000); // four second-factor logins, each waiting for a fresh 30-second code
});
