import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ApplicationFilePage } from './pages/application-file-page';
import { ApplicationStepPage } from './pages/application-step-page';
import { daysFromToday, type DateParts } from './pages/date-boxes';
import { LogInPage } from './pages/log-in-page';
import { MailPage } from './pages/mail-page';
import { NewApplicationPage } from './pages/new-application-page';
import { PiecesPage } from './pages/pieces-page';
import { ProfilePage } from './pages/profile-page';
import { ReviewPage } from './pages/review-page';
import { ServerClockPage } from './pages/server-clock-page';
import { SharePage } from './pages/share-page';
import { VerifierPage } from './pages/verifier-page';
import { VerifyResultPage } from './pages/verify-result-page';
import { expectAccessible } from './support/accessibility';
import { signUpAndLogIn } from './support/accounts';
import { saveScreenshot } from './support/artifacts';
import { readAttestationPdf, signatureChecks } from './support/attestation-pdf';
import { desktopWithoutScript, desktopWithScript, isSmallScreen, phoneWithoutScript } from './support/browser';
import { openAnotherVisit, uniqueEmail, useChromium, useVisit } from './support/journey';
import { expectNoHorizontalScroll, plain } from './support/page-checks';
import { ephoto, timbre } from './support/renewal-inputs';
import { useSamplePdfs } from './support/sample-pdf';

useChromium();

const password = 'une phrase de passe assez longue';
const pdfFile = useSamplePdfs();
const birthDate = { day: 12, month: 4, year: 1990 };

/** "16 mars 2026": how the pages write a date in French. */
const longFr = (d: DateParts) => new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(d.year, d.month - 1, d.day));
/** The forecast writes the first of a month as an ordinal: « 1er décembre ». */
const longFrOrdinal = (d: DateParts) => longFr(d).replace(/^1 /, '1er ');

/** The last day of an attestation that starts on `d` (3 months less a day, CESEDA R.431-15-1), worked out here on its own. */
function lastDayOfThreeMonths(d: DateParts): DateParts {
  const monthIndex = d.month - 1 + 3;
  const lastOfMonth = new Date(Date.UTC(d.year, monthIndex + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(d.year, monthIndex, Math.min(d.day, lastOfMonth)) - 86_400_000);
  return { day: end.getUTCDate(), month: end.getUTCMonth() + 1, year: end.getUTCFullYear() };
}

/**
 * The first promise, lived through in a browser: a complete renewal filed on time, the card's
 * expiry day reached (the server's clock moved at `/dev/horloge`), the APRI there without anyone
 * at the prefecture doing anything, downloaded, its QR code read from the PDF and followed to
 * `/verify`, then a share code checked by an employer the next day.
 *
 * The server's days: filing 76 days before today; the card expires yesterday, which is the
 * second visit; the employer checks today, with the clock back to the real date, so nothing
 * is left dated in the future for the journeys that run after this one.
 */
describe.each([desktopWithScript, desktopWithoutScript, phoneWithoutScript])('proof of status journey, $name', (mode) => {
  const visit = useVisit(mode);
  const slug = mode.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

  async function check(page: Page, screenshot?: string) {
    await expectAccessible(page);
    if (isSmallScreen(mode)) {
      await expectNoHorizontalScroll(page, mode);
      if (screenshot) await saveScreenshot(page, `${screenshot}-360`);
    }
  }

  /** The outbox is read until the mail has come: issuing runs in the worker, a moment after the clock moves. */
  async function waitForMail(page: Page, to: string, subject: RegExp): Promise<MailPage> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto('/dev/outbox');
      const link = page.getByRole('main').getByRole('link', { name: new RegExp(`^${to.replace(/[.+]/g, '\\$&')} — ${subject.source}`) });
      if ((await link.count()) > 0) {
        await link.first().click();
        await page.waitForURL(/\/dev\/outbox\/[0-9a-f-]{36}$/);
        return new MailPage(page);
      }
      if (Date.now() > deadline) throw new Error(`no mail "${subject.source}" to ${to} after 30 s`);
      await page.waitForTimeout(500);
    }
  }

  /** Issuing runs in the worker just after the filing commits: the file page is loaded again until the proof is listed. */
  async function reloadUntilVisible(page: Page, target: Locator): Promise<void> {
    const deadline = Date.now() + 30_000;
    while ((await target.count()) === 0) {
      if (Date.now() > deadline) throw new Error(`${target} not shown on ${page.url()} after 30 s`);
      await page.waitForTimeout(300);
      await page.reload();
    }
  }

  it('files a complete renewal, gets the APRI on the expiry day, and has it checked by its QR code and by an employer', async () => {
    const { page } = visit();
    const email = uniqueEmail(`justificatif.${slug}`);
    const filingDay = daysFromToday(-76);
    const expiryDay = daysFromToday(-1);
    const apriFrom = daysFromToday(0);
    const apriTo = lastDayOfThreeMonths(apriFrom);

    try {
      // 76 days before today: the renewal window (120 to 60 days before expiry) is open.
      const clock = await ServerClockPage.open(page);
      await clock.moveTo(filingDay);
      expect(plain(await clock.serverDate.textContent())).toContain('76 jours avant la date réelle.');
      await check(page);

      await signUpAndLogIn(page, email, password);
      const profile = await ProfilePage.open(page);
      await profile.save({
        surname: 'Diallo',
        givenNames: 'Awa Marie',
        birthDate,
        nationality: 'Sénégal',
        permitNumber: 'FR7654321',
        permitExpiresOn: expiryDay,
        addressLine: '12 rue des Lilas',
        postcode: '75019',
        town: 'Paris',
      });
      await check(page);

      // The renewal, every step, every document: complete at filing.
      const renewalId = await (await NewApplicationPage.open(page)).startDirectly('renewal_salarie');
      const step = new ApplicationStepPage(page);
      await step.answerRadio(/employeur mentionné sur votre titre/, 'Oui');
      await step.saveAndContinue('identite');
      await step.saveAndContinue('adresse');
      await step.saveAndContinue('titre-actuel');
      expect(plain(await step.main.textContent())).toContain('Vous êtes dans la période de dépôt');
      await check(page);
      await step.saveAndContinue('justificatifs');
      await step.goToDocuments();
      const pieces = new PiecesPage(page);
      for (const kind of await pieces.kinds()) {
        await pieces.upload(kind, await pdfFile(`${slug}-${kind}.pdf`, `Justificatif ${kind}`), `${slug}-${kind}.pdf`);
      }
      await check(page);
      await page.goto(`/demarches/${renewalId}/etape/justificatifs`);
      expect(await step.missingDocuments.count()).toBe(0);
      await step.continue('timbre-et-photo');
      await step.field('timbre').fill(timbre);
      await step.field('ephoto').fill(ephoto);
      await step.saveAndContinue('verification');
      const review = new ReviewPage(page);
      expect(await review.problems.count()).toBe(0);
      await review.file();

      // Filed: the receipt at once, and the date of the APRI said in advance.
      const file = new ApplicationFilePage(page);
      expect(await file.status.textContent()).toBe('Déposée');
      const reference = (await file.reference.textContent())!.trim();
      await reloadUntilVisible(page, file.attestationLink('Attestation de dépôt'));
      const forecast = plain(await file.attestations.textContent());
      expect(forecast).toContain(`Votre titre de séjour actuel est valable jusqu'au ${longFrOrdinal(expiryDay)}.`);
      expect(forecast).toContain(`sera disponible le ${longFrOrdinal(daysFromToday(-16))} et valable à partir du ${longFrOrdinal(apriFrom)}`);
      expect(forecast).toContain('Vous ne serez pas sans justificatif.');
      await check(page, 'proof-filed');

      // The card's expiry day. Nobody at the prefecture has done anything.
      await clock.page.goto('/dev/horloge');
      await clock.moveTo(expiryDay);
      expect(plain(await clock.serverDate.textContent())).toContain('1 jour avant la date réelle.');
      await check(page);
      const mail = await waitForMail(page, email, /Votre attestation de prolongation d'instruction pour la demande/);
      expect(plain(await mail.subject.textContent())).toContain(reference);
      await check(page);
      // Months later, the session is over: the mail's link leads through the log-in page to the file.
      await mail.link(new RegExp(`/demarches/${renewalId}$`)).click();
      await page.waitForURL((url) => url.pathname === '/connexion');
      await check(page);
      await new LogInPage(page).logInTo(email, password, `/demarches/${renewalId}`);
      const apriLink = file.attestationLink("Attestation de prolongation d'instruction (APRI)");
      expect(plain(await apriLink.locator('xpath=..').textContent())).toContain(`valable du ${longFr(apriFrom)} au ${longFr(apriTo)} — en cours`);
      await check(page, 'proof-apri');

      // Download it, as a person does, and read what is printed and drawn on it.
      const [download] = await Promise.all([page.waitForEvent('download'), apriLink.click()]);
      const pdf = await readAttestationPdf(await readFile((await download.path())!));
      expect(pdf.text).toContain('DIALLO Awa Marie');
      expect(pdf.text).toContain(reference);
      expect(pdf.text).toContain(`du ${longFr(apriFrom)} au ${longFr(apriTo)} inclus`);
      expect(pdf.text).toContain('autorisé(e) à travailler en France');
      // The QR code leads to this server's verification page; the DataMatrix verifies with the published key.
      expect(pdf.qrText).toMatch(new RegExp(`^${inject('sesameUrl').replace(/[.]/g, '\\.')}/verify/[A-Z0-9]{8,}$`));
      const jwks = await (await page.context().request.get('/.well-known/jwks.json')).json();
      expect(signatureChecks(pdf.twoDDoc, jwks)).toBe(true);
      expect(signatureChecks(pdf.twoDDoc.replace('DIALLO', 'DIALLA'), jwks)).toBe(false);

      // Scanning the QR code: the verification page, in a browser with no account.
      const scanner = await openAnotherVisit(mode);
      try {
        const result = await VerifyResultPage.open(scanner.page, pdf.qrText);
        expect(await result.status.textContent()).toBe('Attestation valide');
        expect(plain(await result.summary.textContent())).toBe(`Peut travailler et séjourner en France du ${longFr(apriFrom)} au ${longFr(apriTo)} inclus.`);
        expect(plain(await result.facts.textContent())).toContain('Initiales A. D., né(e) en 1990');
        expect(plain(await result.facts.textContent())).not.toContain('Diallo');
        await check(scanner.page, 'proof-verify');
      } finally {
        await scanner.close();
      }

      // A share code for an employer: shown once, and a reload neither shows it again nor makes another.
      const share = await SharePage.open(page);
      await check(page);
      const code = await share.create('Travail (employeur)');
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
      await check(page, 'proof-share-code');
      await page.reload();
      await share.heading.waitFor();
      expect(await share.createdCode.count()).toBe(0);
      expect(await share.codes.count()).toBe(1);
      await check(page);

      // The next day (today): the clock back to the real date. The employer checks the code.
      await clock.page.goto('/dev/horloge');
      await clock.backToRealDate();
      expect(plain(await clock.serverDate.textContent())).toContain("C'est la date réelle.");
      await check(page);
      const employer = await openAnotherVisit(mode);
      try {
        const verifier = await VerifierPage.open(employer.page);
        await check(employer.page);
        await verifier.check(code.toLowerCase(), birthDate, 'Boulangerie Martin');
        expect(plain(await verifier.result.textContent())).toBe(`Peut travailler en France jusqu’au ${longFr(apriTo)} inclus.`);
        expect(plain(await verifier.answer.textContent())).toContain('Titulaire : Awa Marie DIALLO.');
        await check(employer.page, 'proof-employer');
      } finally {
        await employer.close();
      }

      // The holder sees who checked: the QR scan and the employer, by name.
      await (await LogInPage.open(page)).logIn(email, password);
      const log = await SharePage.open(page);
      const rows = (await log.checks.allTextContents()).map(plain);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatch(/Boulangerie Martin.*Code de partage : Travail \(employeur\).*Droit confirmé/);
      expect(rows[1]).toMatch(/Page de vérification \(code QR ou code saisi\).*Attestation de prolongation d’instruction [A-Z0-9]+.*Attestation valide/);
      await check(page, 'proof-check-log');
    } finally {
      // Whatever happened, the server goes back to the real date for the journeys after this one.
      const reset = await page.context().newPage();
      const clock = await ServerClockPage.open(reset);
      if (!plain(await clock.serverDate.textContent()).includes("C'est la date réelle.")) await clock.backToRealDate();
      await reset.close();
    }
    // About thirty pages, each scanned by axe (twice over without JavaScript).
  }, 240_000);
});
