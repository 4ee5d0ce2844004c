import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApplicationFilePage } from './pages/application-file-page';
import { ApplicationStepPage } from './pages/application-step-page';
import { ApplicationsListPage } from './pages/applications-list-page';
import { daysFromToday } from './pages/date-boxes';
import { NewApplicationPage } from './pages/new-application-page';
import { PiecesPage } from './pages/pieces-page';
import { ProfilePage } from './pages/profile-page';
import { RecommendationPage } from './pages/recommendation-page';
import { ReviewPage } from './pages/review-page';
import { SituationDetailsPage } from './pages/situation-details-page';
import { WithdrawPage } from './pages/withdraw-page';
import { expectAccessible } from './support/accessibility';
import { signUpAndLogIn } from './support/accounts';
import { saveScreenshot } from './support/artifacts';
import { desktopWithScript, desktopWithoutScript, isSmallScreen, phoneWithoutScript } from './support/browser';
import { uniqueEmail, useChromium, useVisit } from './support/journey';
import { expectNoHorizontalScroll, plain } from './support/page-checks';
import { ephoto, timbre } from './support/renewal-inputs';
import { useSamplePdfs } from './support/sample-pdf';

useChromium();

const password = 'une phrase de passe assez longue';
const pdfFile = useSamplePdfs();

describe.each([desktopWithScript, desktopWithoutScript, phoneWithoutScript])('renewal journey, $name', (mode) => {
  const visit = useVisit(mode);
  const slug = mode.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

  /** Every page of the journey: accessible, and on a phone, no sideways scrolling. */
  async function check(page: Page, screenshot?: string) {
    await expectAccessible(page);
    if (isSmallScreen(mode)) {
      await expectNoHorizontalScroll(page, mode);
      if (screenshot) await saveScreenshot(page, `${screenshot}-360`);
    }
  }

  /** Uploads a fresh PDF for every document the page asks for. */
  async function provideEveryDocument(pieces: PiecesPage, prefix: string) {
    const kinds = await pieces.kinds();
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) {
      expect(await pieces.state(kind).textContent()).toBe('Manquante');
      const name = `${prefix}-${kind}.pdf`;
      await pieces.upload(kind, await pdfFile(name, `${prefix} ${kind}`), name);
      expect(await pieces.state(kind).textContent()).toBe('Fournie');
      await check(pieces.page);
    }
    expect(plain(await pieces.count.textContent())).toBe(`${kinds.length} pièces fournies sur ${kinds.length}.`);
    return kinds;
  }

  it('renews a salarié card from the profile to the filed file, then withdraws a second procedure', async () => {
    const { page } = visit();
    const email = uniqueEmail(`renouvellement.${slug}`);
    await signUpAndLogIn(page, email, password);
    // The DSFR script marks the page when it runs: proof the mode is what it says (uploads then
    // go through the progress script, or as plain forms).
    expect(await page.locator('html').getAttribute('data-fr-js')).toBe(mode.javaScript ? 'true' : null);
    await check(page);

    // The profile: a card that expires in 100 days, so the renewal window (120 to 60 days before) is open.
    const expiry = daysFromToday(100);
    const profile = await ProfilePage.open(page);
    expect(await profile.heading.isVisible()).toBe(true);
    await check(page);
    await profile.save({
      surname: 'Diallo',
      givenNames: 'Awa Marie',
      birthDate: { day: 12, month: 4, year: 1990 },
      nationality: 'Sénégal',
      permitNumber: 'FR7654321',
      permitExpiresOn: expiry,
      addressLine: '12 rue des Lilas',
      postcode: '75019',
      town: 'Paris',
    });
    expect(plain(await profile.notice.textContent())).toContain('Vos informations sont enregistrées.');
    await check(page, 'profile-saved');

    // "Que dois-je déposer ?"
    const list = await ApplicationsListPage.open(page);
    expect(await list.heading.isVisible()).toBe(true);
    await check(page);
    await list.startNew();
    const start = new NewApplicationPage(page);
    await check(page);
    await start.holdAPermit();
    const details = new SituationDetailsPage(page);
    // The profile's expiry is already in the boxes.
    expect(Number(await details.expiryBox('day').inputValue())).toBe(expiry.day);
    expect(Number(await details.expiryBox('month').inputValue())).toBe(expiry.month);
    expect(Number(await details.expiryBox('year').inputValue())).toBe(expiry.year);
    await check(page);
    await details.answerSalarieNothingChanged();
    const advice = new RecommendationPage(page);
    expect(plain(await advice.procedure.textContent())).toBe('Renouvellement de la carte de séjour « salarié »');
    expect(plain(await advice.reasons.textContent())).toContain("c'est le moment de demander son renouvellement");
    await check(page, 'recommendation');
    const renewalId = await advice.start();

    // The form, step by step.
    const step = new ApplicationStepPage(page);
    expect(page.url()).toMatch(/\/etape\/situation$/);
    expect(await step.stepState.textContent()).toBe('Étape 1 sur 7');
    await check(page);
    await step.answerRadio(/employeur mentionné sur votre titre/, 'Oui');
    await step.saveAndContinue('identite');

    // Identity and address come from the profile.
    expect(await step.field('surname').inputValue()).toBe('Diallo');
    expect(await step.field('given_names').inputValue()).toBe('Awa Marie');
    await check(page);
    await step.saveAndContinue('adresse');
    expect(await step.field('postcode').inputValue()).toBe('75019');
    await check(page);
    await step.saveAndContinue('titre-actuel');
    expect(await step.field('permit_number').inputValue()).toBe('FR7654321');
    expect(plain(await step.main.textContent())).toContain('Vous êtes dans la période de dépôt');
    await check(page, 'permit-step');
    await step.saveAndContinue('justificatifs');

    expect(await step.missingDocuments.isVisible()).toBe(true);
    await check(page);
    await step.goToDocuments();
    const pieces = new PiecesPage(page);
    expect(await pieces.heading.isVisible()).toBe(true);
    await check(page);
    const renewalKinds = await provideEveryDocument(pieces, 'renouvellement');
    expect(renewalKinds).toContain('passport');
    await check(page, 'pieces-complete');

    await page.goto(`/demarches/${renewalId}/etape/justificatifs`);
    expect(await step.missingDocuments.count()).toBe(0);
    await check(page);
    await step.continue('timbre-et-photo');
    await check(page);
    await step.field('timbre').fill(timbre);
    // Typed in lower case, as people do: the code is read case-insensitively.
    await step.field('ephoto').fill(ephoto.toLowerCase());
    await step.saveAndContinue('verification');

    const review = new ReviewPage(page);
    expect(await review.heading.isVisible()).toBe(true);
    expect(await review.problems.count()).toBe(0);
    expect(plain(await page.getByRole('main').textContent())).toContain('Awa Marie');
    await check(page, 'review');
    await review.file();

    const file = new ApplicationFilePage(page);
    expect(plain(await file.notice.textContent())).toContain('Votre demande est déposée.');
    expect(await file.status.textContent()).toBe('Déposée');
    const reference = (await file.reference.textContent())!.trim();
    expect(reference).toMatch(/\S{6,}/);
    expect(plain(await file.history.textContent())).toContain('Demande déposée.');
    await check(page, 'file-filed');

    // After filing: replace the passport, see it in the history.
    await file.goToDocuments();
    expect(plain(await page.getByRole('main').textContent())).toContain(`Demande n° ${reference}`);
    await check(page);
    await pieces.upload('passport', await pdfFile('passeport-nouveau.pdf', 'Nouveau passeport'), 'passeport-nouveau.pdf');
    expect(plain(await pieces.notice.textContent())).toContain('signalée à la préfecture');
    expect(plain(await pieces.section('passport').textContent())).toContain('1 version précédente conservée');
    await check(page);
    await pieces.backToApplication();
    expect(plain(await file.history.textContent())).toContain('Pièce remplacée après le dépôt : Passeport');
    await check(page);

    // A second procedure at the same time: a change of address, filed then withdrawn.
    await (await ApplicationsListPage.open(page)).startNew();
    const changeId = await start.startDirectly('change_of_situation');
    expect(changeId).not.toBe(renewalId);
    await check(page);
    await step.answerRadio(/Quel changement déclarez-vous/, 'Un déménagement (nouvelle adresse)');
    await step.saveAndContinue('identite');
    await check(page);
    await step.saveAndContinue('adresse');
    await check(page);
    await step.field('address_line').fill('5 avenue Jean Jaurès');
    await step.field('postcode').fill('69007');
    await step.field('town').fill('Lyon');
    await step.saveAndContinue('titre-actuel');
    await check(page);
    await step.saveAndContinue('justificatifs');
    await check(page);
    await step.goToDocuments();
    await provideEveryDocument(pieces, 'demenagement');
    await page.goto(`/demarches/${changeId}/etape/justificatifs`);
    await step.continue('verification');
    expect(await review.problems.count()).toBe(0);
    await check(page);
    await review.file();
    expect(await file.status.textContent()).toBe('Déposée');
    const changeReference = (await file.reference.textContent())!.trim();
    expect(changeReference).not.toBe(reference);
    await check(page);

    await file.goToWithdraw();
    const withdraw = new WithdrawPage(page);
    expect(await withdraw.heading.isVisible()).toBe(true);
    expect(plain(await withdraw.warning.textContent())).toContain(changeReference);
    await check(page, 'withdraw');
    await withdraw.confirm();
    expect(plain(await file.notice.textContent())).toContain('Votre demande est retirée.');
    expect(await file.status.textContent()).toBe('Retirée');
    expect(plain(await file.history.textContent())).toContain('Demande retirée.');
    await check(page);

    // Both on the list, each with its status.
    const all = await ApplicationsListPage.open(page);
    expect(await all.cards.count()).toBe(2);
    expect(await all.status(renewalId).textContent()).toBe('Déposée');
    expect(plain(await all.card(renewalId).textContent())).toContain(`Dossier n° ${reference}`);
    expect(await all.status(changeId).textContent()).toBe('Retirée');
    expect(plain(await all.card(changeId).textContent())).toContain("Déclaration d'un changement de situation");
    await check(page, 'list-final');
    // About forty pages, each scanned by axe (twice over without JavaScript): longer than the default.
  }, 240_000);
});
