import type { Locator, Page } from 'playwright-core';

/** `/demarches/<id>/retrait`: the warning, then "Oui, retirer ma demande" or keep it. */
export class WithdrawPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Retirer ma demande' });
  }

  get warning(): Locator {
    return this.page.getByRole('main');
  }

  /** Confirms; lands back on the file page. */
  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: 'Oui, retirer ma demande' }).click();
    await this.page.waitForURL(/\/demarches\/[0-9a-f-]{36}$/);
  }
}
