import type { Locator, Page } from 'playwright-core';
import { LogInPage } from './log-in-page';

/** `/inscription/code`: type the 6-digit code mailed after sign-up. */
export class ConfirmCodePage {
  constructor(readonly page: Page) {}

  static async open(page: Page, email: string): Promise<ConfirmCodePage> {
    await page.goto(`/inscription/code?email=${encodeURIComponent(email)}`);
    return new ConfirmCodePage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Confirmez votre adresse e-mail' });
  }

  get emailField(): Locator {
    return this.page.getByLabel('Adresse e-mail');
  }

  async confirm(code: string): Promise<LogInPage> {
    await this.page.getByLabel('Code de confirmation').fill(code);
    await this.page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await this.page.waitForURL('/connexion');
    return new LogInPage(this.page);
  }
}
