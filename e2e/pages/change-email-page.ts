import type { Locator, Page } from 'playwright-core';
import { ChangeEmailCodePage } from './change-email-code-page';

/**
 * `/compte/e-mail`: the new address and the current password. Written before the page
 * exists: fields are found by their French labels, loosely, until the wording is settled.
 */
export class ChangeEmailPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  async requestChange(newEmail: string, currentPassword: string): Promise<ChangeEmailCodePage> {
    await this.page.getByLabel(/adresse e-mail/i).fill(newEmail);
    await this.page.getByLabel(/mot de passe/i).fill(currentPassword);
    await this.page.getByRole('main').getByRole('button', { name: /recevoir|envoyer|changer|continuer|valider/i }).click();
    await this.page.waitForURL((url) => url.pathname === '/compte/e-mail/code');
    return new ChangeEmailCodePage(this.page);
  }
}
