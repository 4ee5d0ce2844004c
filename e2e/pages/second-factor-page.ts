import type { Page } from 'playwright-core';

/** `/connexion/second-facteur`: the code from the authenticator app, after the password. */
export class SecondFactorPage {
  constructor(readonly page: Page) {}

  async enter(code: string): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === '/connexion/second-facteur');
    await this.page.getByLabel('Code de vérification').fill(code);
    await this.page.getByRole('main').getByRole('button', { name: 'Valider' }).click();
    await this.page.waitForURL((url) => url.pathname !== '/connexion/second-facteur');
  }
}
