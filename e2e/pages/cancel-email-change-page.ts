import type { Locator, Page } from 'playwright-core';

/** `/compte/e-mail/annuler/<token>`: "it wasn't me", reached from the notice sent to the old address. */
export class CancelEmailChangePage {
  constructor(readonly page: Page) {}

  /** The page offers one thing to do: put the old address back. */
  get buttons(): Locator {
    return this.page.getByRole('main').getByRole('button');
  }

  async revert(): Promise<void> {
    const before = this.page.url();
    await this.buttons.click();
    await this.page.waitForURL((url) => url.href !== before);
  }
}
