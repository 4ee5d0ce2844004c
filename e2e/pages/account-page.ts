import type { Locator, Page } from 'playwright-core';
import { SiteHeader } from './site-header';

/** `/compte`: "My account". */
export class AccountPage {
  readonly header: SiteHeader;

  constructor(readonly page: Page) {
    this.header = new SiteHeader(page);
  }

  static async open(page: Page): Promise<AccountPage> {
    await page.goto('/compte');
    return new AccountPage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Mon compte' });
  }

  /** The address shown under "Adresse e-mail" in the contact details. */
  get email(): Locator {
    return this.page.getByRole('main').locator('dt:text-is("Adresse e-mail") + dd');
  }

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  async goToChangeEmail(): Promise<void> {
    await this.page.getByRole('link', { name: "Changer d'adresse e-mail" }).click();
    await this.page.waitForURL('/compte/e-mail');
  }
}
