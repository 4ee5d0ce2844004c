import type { Page } from 'playwright-core';

/** `/compte/e-mail/code`: the 6-digit code mailed to the new address. */
export class ChangeEmailCodePage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<ChangeEmailCodePage> {
    await page.goto('/compte/e-mail/code');
    return new ChangeEmailCodePage(page);
  }

  /** Confirms the change; a page then says the address changed and that the old one was told. */
  async confirm(code: string): Promise<void> {
    await this.page.getByLabel(/code/i).fill(code);
    await this.page.getByRole('main').getByRole('button', { name: /confirmer|valider/i }).click();
    await this.page.waitForURL('/compte/e-mail/modifiee');
  }
}
