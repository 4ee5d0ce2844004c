import type { Locator, Page } from 'playwright-core';
import { ConfirmCodePage } from './confirm-code-page';

/** `/inscription`: create an account with an e-mail address and a password. */
export class SignUpPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<SignUpPage> {
    await page.goto('/inscription');
    return new SignUpPage(page);
  }

  get emailField(): Locator {
    return this.page.getByLabel('Adresse e-mail');
  }

  get passwordField(): Locator {
    return this.page.getByLabel('Mot de passe');
  }

  get errorSummary(): Locator {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('heading', { name: 'Le formulaire contient des erreurs' }) });
  }

  async submit(email: string, password: string): Promise<void> {
    await this.emailField.fill(email);
    await this.passwordField.fill(password);
    await this.page.getByRole('button', { name: 'Créer mon compte' }).click();
  }

  /** A valid sign-up leads to the page asking for the mailed code. */
  async signUp(email: string, password: string): Promise<ConfirmCodePage> {
    await this.submit(email, password);
    await this.page.waitForURL((url) => url.pathname === '/inscription/code');
    return new ConfirmCodePage(this.page);
  }
}
