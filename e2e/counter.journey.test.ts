import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFilePage } from './pages/application-file-page';
import { ApplicationsListPage } from './pages/applications-list-page';
import { ClaimPage, CounterHomePage } from './pages/counter-pages';
import { daysFromToday } from './pages/date-boxes';
import { SiteHeader } from './pages/site-header';
import { expectAccessible } from './support/accessibility';
import { signUpAndLogIn } from './support/accounts';
import { logInAsDemoAgent } from './support/agents';
import { saveScreenshot } from './support/artifacts';
import { desktopWithScript, isSmallScreen, phoneWithoutScript, type ViewingMode } from './support/browser';
import { uniqueEmail, useChromium, useVisit } from './support/journey';
import { simulatedExamples } from '../src/modules/applications/fee-and-photo-check';

useChromium();

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'sesame-e2e-scan-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A one-page PDF, as the desk's scanner would make. */
async function scan(name: string): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawText(`Scan ${name}`, { x: 50, y: 780, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) });
  const path = join(scratch, `${name}.pdf`);
  await writeFile(path, await pdf.save());
  return path;
}

const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe.each([desktopWithScript, phoneWithoutScript])('counter filing journey, $name', (mode: ViewingMode) => {
  const visit = useVisit(mode);
  const slug = mode.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

  async function check(page: Page, screenshot?: string) {
    await expectAccessible(page);
    if (isSmallScreen(mode)) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(mode.viewport.width);
      if (screenshot) await saveScreenshot(page, `${screenshot}-360`);
    }
  }

  it('a desk agent files for a person with no e-mail and prints the receipt; the person later claims the file online', async () => {
    const { page } = visit();
    // The desk agent of the Préfecture de police (Paris), demo account with the printed TOTP key.
    // Each mode its own agent of the counter, so the two runs never wait on each other's code.
    await logInAsDemoAgent(page, isSmallScreen(mode) ? 'chef-bureau.75@demo.sesame.localhost' : 'accueil.75@demo.sesame.localhost');
    expect(await page.locator('html').getAttribute('data-fr-js')).toBe(mode.javaScript ? 'true' : null);

    const home = await CounterHomePage.open(page);
    expect(await home.heading.isVisible()).toBe(true);
    await check(page, `counter-home-${slug}`);
    const identity = await home.startFiling();
    await check(page);
    const surname = 'Sangaré';
    const person = {
      document: 'Passeport',
      documentNumber: `P${Date.now().toString(36).toUpperCase()}`,
      surname,
      givenNames: 'Fatoumata',
      birthDate: { day: 3, month: 11, year: 1988 },
      nationality: 'Mali',
      addressLine: '8 rue de Tanger',
      postcode: '75019',
      town: 'Paris',
      permitNumber: 'FR2345678',
      permitExpiresOn: daysFromToday(95),
    };
    const procedure = await identity.record(person);
    expect(plain(await procedure.person.textContent())).toBe(`Dépôt pour : Fatoumata ${surname.toUpperCase()}`);
    await check(page);

    const answers = await procedure.choose('Renouvellement de la carte de séjour « salarié »');
    // Prefilled from the identity just recorded.
    expect(await answers.field('surname').inputValue()).toBe(surname);
    expect(await answers.field('postcode').inputValue()).toBe('75019');
    await check(page, `counter-answers-${slug}`);
    await answers.answerRadio(/employeur mentionné sur votre titre/, 'Oui');
    await answers.field('timbre').fill(simulatedExamples.timbre);
    await answers.field('ephoto').fill(simulatedExamples.ephoto);
    const pieces = await answers.saveAndGoToDocuments();
    await check(page);
    const kinds = await pieces.kinds();
    expect(kinds).toEqual(['passport', 'proof_of_address', 'current_permit', 'employment_contract', 'payslips']);
    for (const kind of kinds) {
      expect(await pieces.state(kind).textContent()).toBe('Manquante');
      await pieces.upload(kind, await scan(`${slug}-${kind}`));
    }
    await check(page, `counter-pieces-${slug}`);

    const review = await pieces.review();
    expect(await review.problems.count()).toBe(0);
    expect(plain(await page.getByRole('main').textContent())).toContain('Fatoumata');
    await check(page);
    const receipt = await review.file();
    expect(plain(await receipt.notice.textContent())).toContain('La demande est déposée.');
    const reference = plain(await receipt.reference.textContent());
    expect(reference).toMatch(/^75-\d{2}-[2-9A-Z]{8}$/);
    const claimCode = plain(await receipt.claimCode.textContent());
    expect(claimCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await check(page, `counter-receipt-${slug}`);

    // "Print the receipt": the link gives the PDF to print.
    const pdf = await page.request.get((await receipt.printLink.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const printed = await PDFDocument.load(await pdf.body());
    expect(printed.getTitle()).toBe(`Reçu de dépôt au guichet ${reference}`);
    // The signed attestation de dépôt comes from the worker a moment later: print it too.
    await expect.poll(async () => (await page.reload(), await receipt.attestationLinks.count()), { timeout: 15_000 }).toBe(1);
    const attestation = await page.request.get((await receipt.attestationLinks.first().getAttribute('href'))!);
    expect(attestation.headers()['content-type']).toBe('application/pdf');
    await check(page);
    await new SiteHeader(page).logOut();

    // Weeks later, the person creates an account and takes the file into it.
    await signUpAndLogIn(page, uniqueEmail(`guichet.${slug}`), 'une phrase de passe assez longue');
    const list = await ApplicationsListPage.open(page);
    expect(await list.heading.isVisible()).toBe(true);
    await page.locator('#claim-link').click();
    await page.waitForURL('/demarches/rattacher');
    const claim = new ClaimPage(page);
    await check(page);
    // A wrong date of birth first: refused, the code kept in the field.
    await page.getByLabel('Code du reçu').fill(claimCode);
    await page.locator('#birthDate-day').fill('4');
    await page.locator('#birthDate-month').fill('11');
    await page.locator('#birthDate-year').fill('1988');
    await page.getByRole('main').getByRole('button', { name: 'Rattacher le dossier' }).click();
    await page.waitForLoadState('load');
    expect(plain(await page.getByRole('alert').textContent())).toContain('ne permettent pas de retrouver un dossier');
    expect(await page.getByLabel('Code du reçu').inputValue()).toBe(claimCode);
    await check(page);
    await claim.claim(claimCode.toLowerCase(), person.birthDate);

    const file = new ApplicationFilePage(page);
    expect(plain(await file.notice.textContent())).toContain('maintenant dans votre compte');
    expect(plain(await file.reference.textContent())).toBe(reference);
    expect(await file.status.textContent()).toBe('Déposée');
    expect(plain(await file.history.textContent())).toContain('Dossier déposé au guichet rattaché à votre compte.');
    await check(page, `counter-claimed-${slug}`);
    await ApplicationsListPage.open(page);
    expect(plain(await page.locator('#applications').textContent())).toContain(reference);
    await check(page);
  });
});
