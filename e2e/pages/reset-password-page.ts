import type { Page } from 'playwright-core';

/** `/mot-de-passe-oublie`, then `/mot-de-passe-oublie/nouveau`: a code by e-mail, then a new password. */
export class ResetPasswordPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<ResetPasswordPage> {
    await page.goto('/mot-de-passe-oublie');
    return new ResetPasswordPage(page);
  }

  async requestCode(email: string): Promise<void> {
    await this.page.getByLabel('Adresse e-mail').fill(email);
    await this.page.getByRole('button', { name: 'Recevoir un code' }).click();
    await this.page.waitForURL((url) => url.pathname === '/mot-de-passe-oublie/nouveau');
  }

  /** On `/mot-de-passe-oublie/nouveau`; ends on the login form. */
  async chooseNewPassword(email: string, code: string, password: string): Promise<void> {
    await this.page.goto(`/mot-de-passe-oublie/nouveau?email=${encodeURIComponent(email)}`);
    await this.page.getByLabel('Adresse e-mail').fill(email);
    await this.page.getByLabel('Code de confirmation').fill(code);
    await this.page.getByLabel('Mot de passe').fill(password);
    await this.page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await this.page.waitForURL('/connexion');
  }
}
