import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema';
import { fileApplication } from '../src/modules/applications/file-application';
import { markComplete } from '../src/modules/attestations/mark-complete';
import { recordDecision } from '../src/modules/attestations/record-decision';
import { buildApplicant, buildReadyRenewal, metaFor } from '../test/support/application-builders';
import { TEST_PASSWORD } from '../test/support/builders';
import { LogInPage } from './pages/log-in-page';
import { SiteHeader } from './pages/site-header';
import { expectAccessible } from './support/accessibility';
import { logInAsDemoAgent } from './support/agents';
import { saveScreenshot } from './support/artifacts';
import { desktopWithScript, isSmallScreen, launchChromium, openVisit, phoneWithoutScript, type ViewingMode } from './support/browser';
import { startSesame, type RunningSesame } from './support/server';

/*
 * The decision itself is another part of the back office (not on this branch yet): the file is
 * granted here through the same use cases its pages will call, on a Sésame of this journey's
 * own. Everything after the decision goes through the pages.
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

const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A renewal filed by a new person in Paris, complete and decided favourably by the demo case officer. */
async function grantedFile() {
  const { services } = sesame;
  const applicant = await buildApplicant(services);
  const applicationId = await buildReadyRenewal(services, applicant);
  await fileApplication(services, applicant.id, applicationId, metaFor(applicant));
  const [officer] = await services.db.select({ id: users.id }).from(users).where(eq(users.email, 'instructeur.75@demo.sesame.localhost'));
  const actor = { id: officer!.id, role: 'case_officer', requestId: 'journey' };
  await markComplete(services, applicationId, actor);
  await recordDecision(services, applicationId, true, actor);
  return { applicant, applicationId };
}

describe.each([desktopWithScript, phoneWithoutScript])('card hand-over journey, $name', (mode: ViewingMode) => {
  async function check(page: Page, screenshot?: string) {
    await expectAccessible(page);
    if (isSmallScreen(mode)) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(mode.viewport.width);
      if (screenshot) await saveScreenshot(page, `${screenshot}-360`);
    }
  }

  it('the office invites, the person books then reschedules online, the desk hands the card over', async () => {
    const { applicant, applicationId } = await grantedFile();
    const visit = await openVisit(browser, mode, sesame.baseUrl);
    const { page } = visit;
    try {
      await logInAsDemoAgent(page, 'instructeur.75@demo.sesame.localhost');
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
      await logInAsDemoAgent(page, isSmallScreen(mode) ? 'chef-bureau.75@demo.sesame.localhost' : 'accueil.75@demo.sesame.localhost');
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
  });
});
