import type { Locator, Page } from 'playwright-core';

/** `/compte/e-mail/annuler/<token>`: "it wasn't me", reached from the notice sent to the old address. */
export class CancelEmailChangePage {
  constructor(readonly page: Page) {}

  /** The page offers one thing to do: put the old address back. */
  get buttons(): Locator {
    return this.page.getByRole('main').getByRole('button');
  }

  /** Puts the old address back; the answer page says so (rendered in reply to the form, same URL). */
  async revert(): Promise<void> {
    await this.buttons.click();
    await this.page.getByRole('heading', { level: 1, name: /rétablie/i }).waitFor();
  }
}
