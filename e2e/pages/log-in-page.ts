import type { Locator, Page } from 'playwright-core';

/** `/connexion`. */
export class LogInPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<LogInPage> {
    await page.goto('/connexion');
    return new LogInPage(page);
  }

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  /** Logs in and waits to land where the form sends a person with no second factor: home. */
  async logIn(email: string, password: string): Promise<void> {
    await this.logInTo(email, password, '/');
  }

  /** Logs in from a page that sent the person here (`?retour=`), and waits to be back there. */
  async logInTo(email: string, password: string, path: string): Promise<void> {
    await this.page.getByLabel('Adresse e-mail').fill(email);
    await this.page.getByLabel('Mot de passe').fill(password);
    await this.page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
    await this.page.waitForURL((url) => url.pathname === path);
  }
}
