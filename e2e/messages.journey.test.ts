import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/db/seed/demo';
import { ApplicationFilePage } from './pages/application-file-page';
import { ApplicationStepPage } from './pages/application-step-page';
import { ApplicationsListPage } from './pages/applications-list-page';
import { daysFromToday } from './pages/date-boxes';
import { ServerClockPage } from './pages/server-clock-page';
import { LogInPage } from './pages/log-in-page';
import { MessageThreadPage } from './pages/message-thread-page';
import { NewApplicationPage } from './pages/new-application-page';
import { OfficeDashboardPage } from './pages/office-dashboard-page';
import { OfficeMessagesPage } from './pages/office-messages-page';
import { PiecesPage } from './pages/pieces-page';
import { ProfilePage } from './pages/profile-page';
import { ReviewPage } from './pages/review-page';
import { SiteHeader } from './pages/site-header';
import { expectAccessible } from './support/accessibility';
import { signUpAndLogIn } from './support/accounts';
import { demoAgent, logInAsDemoAgent } from './support/agents';
import { saveScreenshot } from './support/artifacts';
import { desktopWithScript, isSmallScreen, phoneWithoutScript, type ViewingMode } from './support/browser';
import { uniqueEmail, useChromium, useVisit } from './support/journey';
import { useSamplePdfs } from './support/sample-pdf';

useChromium();
const pdfFile = useSamplePdfs();

/** Far enough for any 5-working-day deadline to pass, bank holidays included. */
const DAYS_LATER = 12;
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Nothing wider than the screen: no sideways scrolling on a phone. */
async function expectNoHorizontalScroll(page: Page, mode: ViewingMode) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(mode.viewport.width);
}

/**
 * The applicant of each run: with JavaScript, the demo applicant (Paris, a card expiring soon);
 * without, a new account in Marseille; each declares a move to another département, whose
 * prefecture answers. Two prefectures no other journey uses: their head of office logs in while
 * the server's clock is 12 days ahead, which spends that account's second-factor codes up to that
 * day (a code is good once, and never one older than the last accepted), so another journey's
 * log-in of the same agent at the real time would be refused.
 */
const runs = [
  { mode: desktopWithScript, office: '31', postcode: '31000', town: 'Toulouse', demoApplicant: true },
  { mode: phoneWithoutScript, office: '93', postcode: '93000', town: 'Bobigny', demoApplicant: false },
];

describe.each(runs)('messages journey, $mode.name', (run) => {
  const { mode } = run;
  const visit = useVisit(mode);
  const slug = mode.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

  async function check(page: Page, screenshot?: string) {
    await expectAccessible(page);
    if (isSmallScreen(mode)) {
      await expectNoHorizontalScroll(page, mode);
      if (screenshot) await saveScreenshot(page, `${screenshot}-360`);
    }
  }

  /** A filed change of address in the run's town: a file of the run's prefecture. */
  async function fileChangeOfAddress(page: Page): Promise<{ applicationId: string; reference: string }> {
    await (await ApplicationsListPage.open(page)).startNew();
    const applicationId = await new NewApplicationPage(page).startDirectly('change_of_situation');
    const step = new ApplicationStepPage(page);
    await step.answerRadio(/Quel changement déclarez-vous/, 'Un déménagement (nouvelle adresse)');
    await step.saveAndContinue('identite');
    await step.saveAndContinue('adresse');
    await step.field('address_line').fill('8 rue de la République');
    await step.field('postcode').fill(run.postcode);
    await step.field('town').fill(run.town);
    await step.saveAndContinue('titre-actuel');
    await step.saveAndContinue('justificatifs');
    await step.goToDocuments();
    const pieces = new PiecesPage(page);
    for (const kind of await pieces.kinds()) await pieces.upload(kind, await pdfFile(`${slug}-${kind}.pdf`, kind), `${slug}-${kind}.pdf`);
    await page.goto(`/demarches/${applicationId}/etape/justificatifs`);
    await step.continue('verification');
    await new ReviewPage(page).file();
    const reference = plain(await new ApplicationFilePage(page).reference.textContent());
    return { applicationId, reference };
  }

  it('an applicant writes on their file and a case officer answers in time; a second message goes unanswered and reaches the head of office as overdue', async () => {
    const { page } = visit();
    const header = new SiteHeader(page);
    const email = run.demoApplicant ? 'usager@demo.sesame.localhost' : uniqueEmail(`messages.${slug}`);
    const password = run.demoApplicant ? DEMO_PASSWORD : 'une phrase de passe assez longue';
    if (run.demoApplicant) await (await LogInPage.open(page)).logIn(email, password);
    else {
      await signUpAndLogIn(page, email, password);
      await (await ProfilePage.open(page)).save({
        surname: 'Haddad',
        givenNames: 'Karim',
        birthDate: { day: 3, month: 9, year: 1988 },
        nationality: 'Algérie',
        permitNumber: 'FR5551234',
        permitExpiresOn: daysFromToday(300),
        addressLine: '20 boulevard National',
        postcode: '13001',
        town: 'Marseille',
      });
    }
    const { applicationId, reference } = await fileChangeOfAddress(page);

    // The applicant opens the thread from the file page and writes, with a document.
    await page.locator('#file-messages').click();
    await page.waitForURL((url) => url.pathname === `/demarches/${applicationId}/messages`);
    const thread = new MessageThreadPage(page);
    expect(plain(await thread.heading.textContent())).toBe(`Messages — demande n° ${reference}`);
    expect(plain(await thread.deadline.textContent())).toContain('la préfecture doit vous répondre dans un délai de 5 jours ouvrés');
    await check(page);
    await thread.write("Bonjour, je joins mon nouveau bail. Dois-je prendre rendez-vous pour l'adresse de ma carte ?", await pdfFile(`${slug}-bail.pdf`, 'Bail'));
    expect(plain(await thread.notice.textContent())).toContain('Votre message est envoyé.');
    expect(plain(await thread.deadline.textContent())).toMatch(/La préfecture doit vous répondre au plus tard le \d{1,2}(er)? \S+ \d{4}/);
    expect(plain(await thread.messages.last().textContent())).toContain(`${slug}-bail.pdf`);
    await check(page, 'thread-applicant');
    await header.logOut();

    // A case officer of the prefecture answers from the office's pages.
    await logInAsDemoAgent(page, demoAgent('instructeur', run.office));
    const inbox = await OfficeMessagesPage.open(page);
    expect(plain(await inbox.row(applicationId).textContent())).toContain(reference);
    expect(plain(await inbox.row(applicationId).textContent())).toContain('Réponse au plus tard le');
    await check(page, 'office-messages');
    await inbox.openThread(applicationId);
    const officeThread = new MessageThreadPage(page);
    expect(plain(await officeThread.messages.first().textContent())).toContain('je joins mon nouveau bail');
    expect(plain(await officeThread.messages.first().textContent())).toContain('Nouveau');
    expect(plain(await officeThread.deadline.textContent())).toContain('Réponse à envoyer au plus tard le');
    await check(page);
    await officeThread.write("Bonjour, c'est inutile : la préfecture met à jour votre adresse avec ce bail, qui est accepté.");
    expect(plain(await officeThread.deadline.textContent())).toContain("Aucun message n'attend de réponse.");
    await check(page, 'thread-office');
    await header.logOut();

    // The applicant reads the answer (theirs was read) and asks something else.
    await (await LogInPage.open(page)).logIn(email, password);
    expect(plain(await page.getByRole('banner').textContent())).toMatch(/Notifications \(\d+ non lues?\)/);
    const back = await MessageThreadPage.open(page, `/demarches/${applicationId}/messages`);
    expect(plain(await back.messages.first().textContent())).toMatch(/lu le/);
    expect(plain(await back.messages.nth(1).textContent())).toContain('la préfecture met à jour votre adresse');
    await check(page);
    await back.write('Merci. Autre question : puis-je voyager pendant le traitement de mon dossier ?');
    await page.goto('/compte/notifications');
    expect(plain(await page.locator('#notifications').textContent())).toContain(`Nouveau message de la préfecture sur votre dossier ${reference}`);
    await check(page, 'notifications');
    await header.logOut();

    // Nobody answers: the server's clock moves past the deadline; the head of office sees it first.
    const clock = await ServerClockPage.open(page);
    await check(page);
    try {
      const aheadMs = await clock.moveTo(daysFromToday(DAYS_LATER));
      await logInAsDemoAgent(page, demoAgent('chef-bureau', run.office), { aheadMs });
      const late = await OfficeMessagesPage.open(page);
      expect(plain(await late.overdueSummary.textContent())).toContain('une réponse au-delà du délai');
      expect(await late.rows.first().getAttribute('id')).toBe(`thread-${applicationId}`);
      expect(plain(await late.row(applicationId).textContent())).toContain('En retard : délai fini le');
      // The daily jobs ran when the clock moved: the escalation is recorded and the head told.
      for (let i = 0; i < 20 && !plain(await late.row(applicationId).textContent()).includes('Signalé au chef de bureau'); i++) {
        await page.waitForTimeout(250);
        await page.reload();
      }
      expect(plain(await late.row(applicationId).textContent())).toContain('Signalé au chef de bureau');
      await check(page, 'office-overdue');
      // The head of office's dashboard lists it among the deadlines missed, with the link to the case.
      const dashboard = await OfficeDashboardPage.reachFrom(page);
      expect(plain(await dashboard.heading.textContent())).toBe('Tableau de bord du bureau');
      const missed = plain(await dashboard.overdueThread(applicationId).textContent());
      expect(missed).toContain(reference);
      expect(missed).toMatch(/\d+ jours? ouvrés? de retard/);
      expect(missed).toContain('Signalé au chef de bureau');
      expect(await dashboard.overdueThread(applicationId).getByRole('link', { name: reference, exact: true }).getAttribute('href')).toBe(`/bureau/dossiers/${applicationId}`);
      await check(page, 'head-of-office-dashboard');
      await OfficeMessagesPage.open(page);
      await late.openThread(applicationId);
      expect(plain(await new MessageThreadPage(page).deadline.textContent())).toContain('Délai de réponse dépassé');
      await check(page);
      await page.goto('/compte/notifications');
      expect(plain(await page.locator('#notifications').textContent())).toContain(`Délai de réponse dépassé sur le dossier ${reference}`);
      await check(page);
      // The office's post room, where letters for people without e-mail are printed.
      await page.goto('/bureau/courriers');
      expect(plain(await page.getByRole('heading', { level: 1 }).textContent())).toBe('Courriers à envoyer');
      await check(page);
      await header.logOut();
    } finally {
      await (await ServerClockPage.open(page)).backToRealDate();
    }
  }, 240_000);
});
