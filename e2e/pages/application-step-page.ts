import type { Locator, Page } from 'playwright-core';
import { chooseRadio } from './choose-radio';
import { fillDate, type DateParts } from './date-boxes';

/**
 * `/demarches/<id>/etape/<step>`: one step of an application's form. The steps share their
 * frame (stepper, "Enregistrer et continuer"); each method fills one step's fields.
 */
export class ApplicationStepPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** "Étape 2 sur 7". */
  get stepState(): Locator {
    return this.page.locator('.fr-stepper__state');
  }

  get main(): Locator {
    return this.page.getByRole('main');
  }

  /** A field by its name: the labels also hold the hints, so names are steadier to find. */
  field(name: string): Locator {
    return this.page.locator(`main [name="${name}"]`);
  }

  /** Saves the step and waits for the page after it (a step's slug or `verification`). */
  async saveAndContinue(next: string): Promise<void> {
    await this.main.getByRole('button', { name: 'Enregistrer et continuer' }).click();
    await this.page.waitForURL((url) => url.pathname.endsWith(`/${next}`));
  }

  async answerRadio(question: RegExp, option: string): Promise<void> {
    await chooseRadio(this.main.getByRole('group', { name: question }), option);
  }

  async fillDate(name: string, date: DateParts): Promise<void> {
    await fillDate(this.page, name, date);
  }

  /** On the documents step: the list of missing documents, and the link to the documents page. */
  get missingDocuments(): Locator {
    return this.page.locator('#missing-documents');
  }

  async goToDocuments(): Promise<void> {
    await this.main.getByRole('link', { name: 'Ajouter ou remplacer des pièces' }).click();
    await this.page.waitForURL(/\/pieces$/);
  }

  /** On the documents step, which only moves on ("Continuer"). */
  async continue(next: string): Promise<void> {
    await this.main.getByRole('link', { name: 'Continuer', exact: true }).click();
    await this.page.waitForURL((url) => url.pathname.endsWith(`/${next}`));
  }
}
