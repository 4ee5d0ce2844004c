import type { Locator, Page } from 'playwright-core';
import { fillDate, type DateParts } from './date-boxes';

/** `/verifier-un-droit`: an employer, landlord or benefit office checks a share code. */
export class VerifierPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<VerifierPage> {
    await page.goto('/verifier-un-droit');
    return new VerifierPage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Vérifier un droit avec un code de partage' });
  }

  /** The answer's heading: "Peut travailler en France jusqu’au … inclus." */
  get result(): Locator {
    return this.page.locator('#share-result');
  }

  get answer(): Locator {
    return this.page.getByRole('status');
  }

  async check(code: string, birthDate: DateParts, organisation: string): Promise<void> {
    const main = this.page.getByRole('main');
    await main.getByLabel('Code de partage').fill(code);
    await fillDate(this.page, 'birth', birthDate);
    await main.getByLabel('Nom de votre organisme ou entreprise').fill(organisation);
    await main.getByRole('button', { name: 'Vérifier' }).click();
    await this.result.waitFor();
  }
}
