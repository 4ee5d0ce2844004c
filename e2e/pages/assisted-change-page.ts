import type { Page } from 'playwright-core';

/** `/aide/nouvelle-adresse/<token>`: the person confirms, from the new mailbox, the address support prepared. */
export class AssistedChangePage {
  constructor(readonly page: Page) {}

  async confirm(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Confirmer ma nouvelle adresse' }).click();
    await this.page.waitForURL((url) => url.pathname === '/aide/nouvelle-adresse/confirmee');
  }
}
