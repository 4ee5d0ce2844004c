import type { Page } from 'playwright-core';

/** `/connexion/second-facteur`: the code of the authenticator app. */
export class SecondFactorPage {
  constructor(readonly page: Page) {}

  /** Types the code; true when the log-in is complete (the page moved on). */
  async enter(code: string): Promise<boolean> {
    await this.page.getByLabel('Code de vérification').fill(code);
    await this.page.getByRole('main').getByRole('button', { name: 'Valider' }).click();
    await this.page.waitForLoadState('load');
    return !new URL(this.page.url()).pathname.startsWith('/connexion/second-facteur');
  }
}
